/** Data preparation: scalers, one-hot, splits and k-fold cross-validation. */
export { StandardScaler, MinMaxScaler } from './scalers.js';
export { oneHot } from './one-hot.js';
export { stratifiedSplit, randomSplit, takeRows, type SplitIndices, type SplitOptions } from './split.js';
export { kFold, crossValidate, formatMeanStd, type Fold, type KFoldOptions, type CrossValidationResult } from './k-fold.js';
export { loadImageFolder, decodeImage, IMAGE_EXTENSIONS, type ImageFolder, type ImageFolderOptions } from './image-folder.js';
export { createAugmenter, type AugmentOptions, type Augmenter } from './augment.js';
export { parseCsvTable, fitTabularEncoding, encodeTabular, loadCsv, type TabularEncoding, type TabularOptions, type TabularData, type ColumnEncoding } from './tabular.js';
