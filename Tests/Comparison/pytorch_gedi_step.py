"""The GEDI toy step of `triad bench`, written in PyTorch, timed the same way (median of N steps after
a warm-up, one thread), for a side-by-side ratio on the machine at hand.

Not part of the package or of `swift test`; needs `pip install torch`. Usage:

    python3 Tests/Comparison/pytorch_gedi_step.py [--repeats 200] [--warmup 50] [--threads 1] [--json]

Same shapes and work as Triad's step (Proofs/model.md §7.2): batch n = 400 from the moons law,
views x' = x + N(0, s^2), m = 400 SGLD samples (one step, alpha = sigma = 0.01, replay buffer of
10 000 with 5% re-initialisation, clamped to the data box), backbone 2-100-100-2 with ReLU,
projector 2-4-2, cosine head with C = 2 prototypes at tau, one forward over [x; x'; x~], the loss
-(lambda_GEN L_GEN^ + L_INV + L_PRIOR), one backward, one Adam step; the settings of the GEDI preset
(s = 0.1, tau = 0.1, lambda_GEN = 0.3; they change no FLOP count).
"""
import argparse, json, math, statistics, time

import torch

p = argparse.ArgumentParser()
p.add_argument("--repeats", type=int, default=200)
p.add_argument("--warmup", type=int, default=50)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--json", action="store_true")
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(1)

n, m, tau, s, alpha, sigma, lambda_gen = 400, 400, 0.1, 0.1, 0.01, 0.01, 0.3
lo, hi = torch.tensor([-3.5, -2.2]), torch.tensor([3.5, 2.2])


def moons(k):
    t = torch.rand(k) * math.pi
    upper = torch.rand(k) < 0.5
    x = torch.where(upper, torch.cos(t), 1 - torch.cos(t))
    y = torch.where(upper, torch.sin(t), 0.5 - torch.sin(t))
    pts = torch.stack([x, y], 1) + 0.1 * torch.randn(k, 2)
    return pts * 2 + torch.tensor([-1.0, -0.2])


backbone = torch.nn.Sequential(torch.nn.Linear(2, 100), torch.nn.ReLU(), torch.nn.Linear(100, 100),
                               torch.nn.ReLU(), torch.nn.Linear(100, 2))
projector = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2))
prototypes = torch.nn.Parameter(torch.randn(2, 2))
params = list(backbone.parameters()) + list(projector.parameters()) + [prototypes]
opt = torch.optim.Adam(params, lr=1e-3)
buffer = lo + (hi - lo) * torch.rand(10_000, 2)


def logits(x):
    z = torch.nn.functional.normalize(projector(backbone(x)), dim=1)
    u = torch.nn.functional.normalize(prototypes, dim=1)
    return z @ u.t() / tau


def step(x):
    global buffer
    views = x + s * torch.randn_like(x)
    # SGLD: draw, re-initialise 5%, one step up the log-density LSE_y l_y, clamp, write back.
    idx = torch.randint(0, buffer.shape[0], (m,))
    xs = buffer[idx]
    fresh = torch.rand(m) < 0.05
    xs = torch.where(fresh[:, None], lo + (hi - lo) * torch.rand(m, 2), xs).requires_grad_(True)
    g, = torch.autograd.grad(torch.logsumexp(logits(xs), 1).sum(), xs)
    xs = torch.clamp(xs.detach() + alpha * g + sigma * torch.randn_like(xs), lo, hi)
    buffer[idx] = xs
    # One forward over the stacked batch, the three terms, one backward, Adam.
    l = logits(torch.cat([x, views, xs]))
    lx, lv, ls = l[:n], l[n:2 * n], l[2 * n:]
    gen = torch.logsumexp(lx, 1).mean() - torch.logsumexp(ls, 1).mean()
    logp = torch.log_softmax(lx, 1)
    inv = (torch.softmax(lv, 1) * logp).sum(1).mean()
    prior = torch.log(torch.softmax(lx, 1).mean(0)).mean()
    loss = -(lambda_gen * gen + inv + prior)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()


x = moons(n)
for _ in range(a.warmup):
    step(x)
times = []
for _ in range(a.repeats):
    t0 = time.perf_counter()
    step(x)
    times.append((time.perf_counter() - t0) * 1e3)
ms = statistics.median(times)
if a.json:
    print(json.dumps({"pytorch_gedi_step_ms": ms, "torch": torch.__version__, "threads": a.threads,
                      "cpu_capability": torch.backends.cpu.get_cpu_capability()}))
else:
    print(f"PyTorch {torch.__version__} ({torch.backends.cpu.get_cpu_capability()}), {a.threads} thread(s): "
          f"GEDI step {ms:.3f} ms (median of {a.repeats} after {a.warmup} warm-up)")
