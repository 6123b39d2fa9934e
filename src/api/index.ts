// Public names of the HTTP layer.
export { buildApp, type AppDeps } from './app.js';
export { startServer, defaultWebRoot, type RunningServer, type StartServerOptions } from './server.js';
export { HTTP_STATUS, httpStatusFor } from './http-status.js';
export { DASHBOARD_TOKEN_META } from './routes/dashboard.js';
