"""SSIM as scikit-image's structural_similarity computes it, written from scratch on
scipy.ndimage filters: the independent reference of mppm-metrics.test.ts.

Reads JSON {width, height, channels, a, b} on stdin, prints JSON {grey or colour SSIM, psnr}."""
import json
import sys

import numpy as np
from scipy.ndimage import gaussian_filter, uniform_filter


def ssim_channel(x, y, gaussian, win, sigma, sample_cov, k1=0.01, k2=0.03):
    if gaussian:
        filt = lambda im: gaussian_filter(im, sigma=sigma, truncate=3.5)
    else:
        filt = lambda im: uniform_filter(im, size=win)
    npix = win * win
    cov_norm = npix / (npix - 1) if sample_cov else 1.0
    ux, uy = filt(x), filt(y)
    vx = cov_norm * (filt(x * x) - ux * ux)
    vy = cov_norm * (filt(y * y) - uy * uy)
    vxy = cov_norm * (filt(x * y) - ux * uy)
    c1, c2 = k1 ** 2, k2 ** 2
    s = ((2 * ux * uy + c1) * (2 * vxy + c2)) / ((ux ** 2 + uy ** 2 + c1) * (vx + vy + c2))
    pad = (win - 1) // 2
    return s[pad:s.shape[0] - pad, pad:s.shape[1] - pad].mean()


def main():
    d = json.load(sys.stdin)
    w, h, c = d["width"], d["height"], d["channels"]
    a = np.array(d["a"], dtype=np.float64).reshape(h, w, c)
    b = np.array(d["b"], dtype=np.float64).reshape(h, w, c)
    if c == 1:
        value = ssim_channel(a[:, :, 0], b[:, :, 0], False, 7, 1.5, True)
    else:
        value = np.mean([ssim_channel(a[:, :, k], b[:, :, k], True, 3, 1.5, False) for k in range(c)])
    mse = np.mean((a - b) ** 2)
    print(json.dumps({"ssim": float(value), "psnr": float(10 * np.log10(1.0 / mse))}))


if __name__ == "__main__":
    main()
