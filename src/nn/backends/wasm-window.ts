/**
 * im2col/col2im and max pooling on the `wasm` backend (wasm/assembly/window.ts): the same loops as the js
 * backend (identical results), with memory.copy for contiguous kernel rows and no per-window closure. The
 * geometry travels as 12 i32 in a reserved block of the shared memory.
 */
import { NorthstarError } from '../../common/errors.js';
import type { WindowGeometry } from './backend.js';
import type { WasmHeap } from './wasm-kernels.js';

function sizes(g: WindowGeometry): { input: number; output: number; cols: number } {
  const output = g.n * g.oh * g.ow * g.c;
  return { input: g.n * g.h * g.w * g.c, output, cols: output * g.kh * g.kw };
}

function need(ok: boolean, what: string): void {
  if (!ok) throw new NorthstarError('INVALID_ARGUMENT', `wasm backend: ${what}`);
}

/** Window kernels bound to one heap (with its geometry block). */
export function wasmWindowKernels(heap: WasmHeap): {
  im2col(x: Float32Array, g: WindowGeometry, cols: Float32Array): void;
  col2im(cols: Float32Array, g: WindowGeometry, dx: Float32Array): void;
  maxPool(x: Float32Array, g: WindowGeometry, out: Float32Array, argmax: Int32Array): void;
  maxPoolBackward(dy: Float32Array, argmax: Int32Array, dx: Float32Array): void;
} {
  const geomAt = heap.reserve(64);
  const writeGeometry = (g: WindowGeometry): number => {
    const v = new Int32Array(heap.memory.buffer, geomAt, 12);
    v.set([g.n, g.h, g.w, g.c, g.kh, g.kw, g.sh, g.sw, g.pt, g.pl, g.oh, g.ow]);
    return geomAt;
  };
  return {
    im2col(x, g, cols) {
      const s = sizes(g);
      need(x.length >= s.input && cols.length >= s.cols, 'im2col buffers too small');
      const [px, pc] = heap.operands(s.input, s.cols) as [number, number];
      heap.f32.set(x.subarray(0, s.input), px / 4);
      heap.exports.im2col(px, writeGeometry(g), pc);
      cols.set(heap.f32.subarray(pc / 4, pc / 4 + s.cols));
    },
    col2im(cols, g, dx) {
      const s = sizes(g);
      need(dx.length >= s.input && cols.length >= s.cols, 'col2im buffers too small');
      const [pc, pd] = heap.operands(s.cols, s.input) as [number, number];
      heap.f32.set(cols.subarray(0, s.cols), pc / 4);
      heap.exports.col2im(pc, writeGeometry(g), pd);
      dx.set(heap.f32.subarray(pd / 4, pd / 4 + s.input));
    },
    maxPool(x, g, out, argmax) {
      const s = sizes(g);
      need(x.length >= s.input && out.length >= s.output && argmax.length >= s.output, 'maxPool buffers too small');
      const [px, po, pa] = heap.operands(s.input, s.output, s.output) as [number, number, number];
      heap.f32.set(x.subarray(0, s.input), px / 4);
      heap.exports.maxPool(px, writeGeometry(g), po, pa);
      out.set(heap.f32.subarray(po / 4, po / 4 + s.output));
      argmax.set(new Int32Array(heap.memory.buffer, pa, s.output));
    },
    maxPoolBackward(dy, argmax, dx) {
      const len = argmax.length;
      need(dy.length >= len, 'maxPoolBackward dy shorter than argmax');
      const [pd, pa, px] = heap.operands(len, len, dx.length) as [number, number, number];
      heap.f32.set(dy.subarray(0, len), pd / 4);
      new Int32Array(heap.memory.buffer, pa, len).set(argmax);
      heap.exports.maxPoolBackward(pd, pa, len, px, dx.length);
      dx.set(heap.f32.subarray(px / 4, px / 4 + dx.length));
    },
  };
}
