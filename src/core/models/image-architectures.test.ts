import { describe, expect, it } from 'vitest';
import { nn } from '../../nn/index.js';
import { buildImageModel, IMAGE_ARCHITECTURES, IMAGE_AUGMENTATION } from './image-architectures.js';

describe('buildImageModel', () => {
  it('seed is conv32-pool-conv64-pool-conv128-pool-dense512-softmax (1,147,466 weights on 32×32×3, 10 classes)', () => {
    const model = buildImageModel('seed', [32, 32, 3], 10, 1);
    const out = model.predict(nn.zeros([2, 32, 32, 3]));
    expect(out.shape).toEqual([2, 10]);
    // 896 + 18,496 + 73,856 (convs) + 2,048·512 + 512 (dense) + 5,130 (softmax)
    expect(model.countParams()).toBe(1_147_466);
  });

  it('seed-bn is the seed network with conv-BN-ReLU blocks: conv biases replaced by BN (γ, β, moving mean and variance)', () => {
    const seed = buildImageModel('seed', [32, 32, 3], 10, 1);
    const model = buildImageModel('seed-bn', [32, 32, 3], 10, 1);
    expect(model.predict(nn.zeros([2, 32, 32, 3])).shape).toEqual([2, 10]);
    expect(model.layers.filter((l) => l.constructor.name.toLowerCase().includes('batchnorm'))).toHaveLength(3);
    // − (32 + 64 + 128) conv biases + 4 · (32 + 64 + 128) batch-norm weights
    expect(model.countParams()).toBe(seed.countParams() - 224 + 4 * 224);
  });

  it('seed-bn decays the learning rate along a cosine over totalSteps; seed keeps a constant 1e-3', () => {
    const opt = buildImageModel('seed-bn', [8, 8, 3], 3, 1, { totalSteps: 100 }).requireCompiled().optimizer;
    expect(opt.currentLearningRate()).toBeCloseTo(1e-3, 9);
    expect(opt.getConfig().learningRate).toBe('CosineDecay');
    const constant = buildImageModel('seed', [8, 8, 3], 3, 1, { totalSteps: 100 }).requireCompiled().optimizer;
    expect(constant.getConfig().learningRate).toBe(1e-3);
    // Without a run length there is nothing to size the schedule: constant, as before.
    expect(buildImageModel('seed-bn', [8, 8, 3], 3, 1).requireCompiled().optimizer.getConfig().learningRate).toBe(1e-3);
  });

  it('IMAGE_AUGMENTATION is what --augment documents: flips, ±10° rotation, 10 % shift and zoom', () => {
    expect(IMAGE_AUGMENTATION).toEqual({ flip: true, rotation: 10, shift: 0.1, zoom: 0.1 });
  });

  it.each(Object.keys(IMAGE_ARCHITECTURES))('%s gives a probability row per image', (arch) => {
    const model = buildImageModel(arch, [8, 8, 3], 3, 1);
    const p = model.predict(nn.zeros([1, 8, 8, 3])).dataSync();
    expect(p).toHaveLength(3);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('an unknown architecture is INVALID_ARGUMENT naming the choices', () => {
    expect(() => buildImageModel('resnet', [8, 8, 3], 3, 1)).toThrow(/seed, seed-bn, small, vgg-bn/);
  });
});
