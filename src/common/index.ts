export { ERROR_CODES, isErrorCode, type ErrorCode } from './error-codes.js';
export { NorthstarError, StoreError, toNorthstarError, type NorthstarErrorOptions } from './errors.js';
export { ok, err, type Result } from './result.js';
export { createRng, type Rng } from './rng.js';
export { newId, newSecret, uuidv7, uuidv4, asProjectId, type Brand, type ProjectId } from './ids.js';
export { createLogger, silentLogger, type Logger, type LogLevel } from './logger.js';
export { noProgress, type Progress } from './progress.js';
