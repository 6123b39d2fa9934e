"""BERT-base-shaped forward pass on the CPU, for the sentiment throughput comparison in bench/text/sentiment.ts.

Random weights (speed does not depend on their values): token + position embeddings (vocab 21128 as
bert-base-chinese), 12 post-norm encoder layers (hidden 768, 12 heads, FFN 3072, GELU), [CLS] pooler and a
2-class head, in eval mode under torch.inference_mode(). Texts are padded to --seq tokens (128 covers most
ChnSentiCorp reviews: Chinese BERT tokenises per character). Prints one JSON line.

    /usr/bin/python3 bench/peers/torch_bert_base.py --threads 1 --seq 128 --batch 8 --batches 4
"""
import argparse
import json
import time

import torch

p = argparse.ArgumentParser()
p.add_argument("--threads", type=int, default=1)
p.add_argument("--seq", type=int, default=128)
p.add_argument("--batch", type=int, default=8)
p.add_argument("--batches", type=int, default=4)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)


class BertBaseShaped(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.tok = torch.nn.Embedding(21128, 768)
        self.pos = torch.nn.Embedding(512, 768)
        self.norm = torch.nn.LayerNorm(768)
        layer = torch.nn.TransformerEncoderLayer(768, 12, 3072, dropout=0.1, activation="gelu", batch_first=True)
        self.encoder = torch.nn.TransformerEncoder(layer, 12, enable_nested_tensor=False)
        self.pool = torch.nn.Linear(768, 768)
        self.head = torch.nn.Linear(768, 2)

    def forward(self, ids):
        pos = torch.arange(ids.shape[1]).unsqueeze(0)
        h = self.encoder(self.norm(self.tok(ids) + self.pos(pos)))
        return self.head(torch.tanh(self.pool(h[:, 0])))


model = BertBaseShaped().eval()
ids = torch.randint(0, 21128, (a.batch, a.seq))
with torch.inference_mode():
    model(ids)  # warm-up
    t0 = time.perf_counter()
    c0 = time.process_time()
    for _ in range(a.batches):
        model(ids)
    dt = time.perf_counter() - t0
    cpu = time.process_time() - c0
n = a.batch * a.batches
print(json.dumps({"peer": "torch BERT-base-shaped forward", "torch": torch.__version__, "threads": a.threads, "seq": a.seq,
                  "texts": n, "seconds": dt, "cpuSeconds": cpu, "textsPerSecond": n / dt, "textsPerCpuSecond": n / cpu}))
