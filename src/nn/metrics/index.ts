/** Classification metrics. */
export {
  accuracy,
  confusionMatrix,
  perClassScores,
  averageScores,
  precision,
  recall,
  f1Score,
  classificationReport,
  formatClassificationReport,
  argmaxRows,
  type Average,
  type ClassScores,
  type ClassificationReport,
} from './classification.js';
export { rocAuc, rocAucOvr } from './roc-auc.js';
