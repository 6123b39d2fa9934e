/**
 * Save and load a model folder: `model.json` (a TensorFlow.js layers model: topology + weights manifest,
 * plus a `northstar` section with the format version, seed and caller metadata) and `weights.bin` (every
 * weight as little-endian float32, in manifest order). The same folder loads in TensorFlow.js.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NorthstarError } from '../../common/errors.js';
import { Sequential } from '../model/sequential.js';
import { fromKerasConfig, toKerasConfig, type KerasLayerConfig } from './layer-config.js';

/** Bumped when the folder layout changes incompatibly; loading another version fails with NN_MODEL_FORMAT. */
export const MODEL_FORMAT_VERSION = 1;

/** The parsed `model.json`. */
export interface ModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: { class_name: 'Sequential'; config: { name: string; layers: KerasLayerConfig[] }; keras_version: string; backend: string };
  weightsManifest: Array<{ paths: string[]; weights: Array<{ name: string; shape: number[]; dtype: 'float32' }> }>;
  northstar?: { formatVersion: number; metadata?: Record<string, unknown> };
}

/** The in-memory artefacts of a saved model. */
export interface ModelArtifacts {
  modelJson: ModelJson;
  weights: Uint8Array;
}

/** Serialises a built model (and JSON metadata such as class names) to artefacts. */
export function serializeModel(model: Sequential, metadata: Record<string, unknown> = {}): ModelArtifacts {
  if (model.layers.length === 0 || !model.layers.every((l) => l.built)) {
    throw new NorthstarError('NN_MODEL_FORMAT', 'only a built model can be saved (give the first layer an inputShape, or fit it first)');
  }
  const layers = model.layers.map((l, i) => toKerasConfig(l, i === 0 ? model.inputShape : undefined));
  const tensors = model.getWeights();
  const total = tensors.reduce((n, t) => n + t.size, 0);
  const buf = new Float32Array(total);
  let offset = 0;
  for (const t of tensors) {
    buf.set(t.data, offset);
    offset += t.size;
  }
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: 'northstar-nn',
      convertedBy: null,
      modelTopology: { class_name: 'Sequential', config: { name: model.name, layers }, keras_version: 'tfjs-layers 4.22.0', backend: 'tensor_flow.js' },
      weightsManifest: [{ paths: ['weights.bin'], weights: tensors.map((t) => ({ name: t.name ?? 'weight', shape: [...t.shape], dtype: 'float32' })) }],
      northstar: { formatVersion: MODEL_FORMAT_VERSION, metadata },
    },
    // Float32Array is little-endian on every platform Node supports.
    weights: new Uint8Array(buf.buffer),
  };
}

/** Rebuilds a model from artefacts; the weights must match the topology exactly. */
export function deserializeModel(a: ModelArtifacts): { model: Sequential; metadata: Record<string, unknown> } {
  const j = a.modelJson;
  const version = j.northstar?.formatVersion;
  if (version !== undefined && version !== MODEL_FORMAT_VERSION) {
    throw new NorthstarError('NN_MODEL_FORMAT', `model folder format version ${version} is not supported (this version reads ${MODEL_FORMAT_VERSION})`);
  }
  if (j.format !== 'layers-model' || j.modelTopology?.class_name !== 'Sequential' || !Array.isArray(j.modelTopology.config?.layers)) {
    throw new NorthstarError('NN_MODEL_FORMAT', 'model.json is not a Sequential layers model');
  }
  const model = new Sequential({ name: j.modelTopology.config.name, layers: j.modelTopology.config.layers.map(fromKerasConfig) });
  if (!model.layers.every((l) => l.built)) throw new NorthstarError('NN_MODEL_FORMAT', 'model.json does not give the input shape of the first layer');
  const specs = j.weightsManifest.flatMap((m) => m.weights);
  const tensors = model.getWeights();
  if (specs.length !== tensors.length) throw new NorthstarError('NN_MODEL_FORMAT', `model.json lists ${specs.length} weights but the layers need ${tensors.length}`);
  const total = tensors.reduce((n, t) => n + t.size, 0);
  if (a.weights.byteLength !== total * 4) throw new NorthstarError('NN_MODEL_FORMAT', `weights.bin has ${a.weights.byteLength} bytes, expected ${total * 4}`);
  const values = new Float32Array(a.weights.buffer.slice(a.weights.byteOffset, a.weights.byteOffset + a.weights.byteLength));
  let offset = 0;
  tensors.forEach((t, i) => {
    const spec = specs[i]!;
    if (spec.shape.reduce((x, y) => x * y, 1) !== t.size) {
      throw new NorthstarError('NN_MODEL_FORMAT', `weight ${spec.name} has shape [${spec.shape.join(', ')}], the layer needs [${t.shape.join(', ')}]`);
    }
    t.data.set(values.subarray(offset, offset + t.size));
    offset += t.size;
  });
  return { model, metadata: j.northstar?.metadata ?? {} };
}

/** Writes `model.json` and `weights.bin` into `dir` (created if needed). */
export async function saveModel(model: Sequential, dir: string, metadata: Record<string, unknown> = {}): Promise<void> {
  const a = serializeModel(model, metadata);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'weights.bin'), a.weights);
  await writeFile(path.join(dir, 'model.json'), JSON.stringify(a.modelJson, null, 2));
}

/** Reads a model folder written by {@link saveModel} (or by TensorFlow.js for supported layers). */
export async function loadModel(dir: string): Promise<{ model: Sequential; metadata: Record<string, unknown> }> {
  let text: string;
  try {
    text = await readFile(path.join(dir, 'model.json'), 'utf8');
  } catch (error) {
    throw new NorthstarError('NN_MODEL_FORMAT', `no model.json in ${dir}`, { cause: error });
  }
  let modelJson: ModelJson;
  try {
    modelJson = JSON.parse(text) as ModelJson;
  } catch (error) {
    throw new NorthstarError('NN_MODEL_FORMAT', `model.json in ${dir} is not valid JSON`, { cause: error });
  }
  const file = modelJson.weightsManifest?.[0]?.paths?.[0] ?? 'weights.bin';
  let weights: Uint8Array;
  try {
    weights = new Uint8Array(await readFile(path.join(dir, path.basename(file))));
  } catch (error) {
    throw new NorthstarError('NN_MODEL_FORMAT', `weights file ${file} is missing in ${dir}`, { cause: error });
  }
  return deserializeModel({ modelJson, weights });
}

/** TensorFlow.js spelling: `loadLayersModel('file://dir/model.json')` or a folder path; resolves to the model. */
export async function loadLayersModel(pathOrUrl: string): Promise<Sequential> {
  let p = pathOrUrl.startsWith('file://') ? pathOrUrl.slice('file://'.length) : pathOrUrl;
  if (p.endsWith('model.json')) p = path.dirname(p);
  return (await loadModel(p)).model;
}
