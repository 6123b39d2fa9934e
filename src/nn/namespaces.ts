/** TensorFlow.js-style grouped factories: `callbacks.earlyStopping`, `regularizers.l2`, `initializers.heNormal`. */
import { earlyStopping } from './callbacks/early-stopping.js';
import { glorotNormal, glorotUniform, heNormal, heUniform, onesInit, randomNormalInit, randomUniformInit, zerosInit } from './initializers.js';
import { l1, l1l2, l2 } from './regularizers.js';

/** `tf.callbacks`. */
export const callbacks = { earlyStopping };

/** `tf.regularizers`. */
export const regularizers = { l1, l2, l1l2 };

/** `tf.initializers`. */
export const initializers = {
  glorotUniform,
  glorotNormal,
  heNormal,
  heUniform,
  zeros: zerosInit,
  ones: onesInit,
  randomUniform: randomUniformInit,
  randomNormal: randomNormalInit,
};
