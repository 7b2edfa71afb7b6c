# A tiny convolutional autoencoder and DCGAN-style generator: ConvTranspose2d, GroupNorm, InstanceNorm,
# Upsample, PixelShuffle, GLU, and the less common losses, trained for a few steps.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
encoder = nn.Sequential(
    nn.Conv2d(1, 4, 3, stride=2, padding=1),
    nn.GroupNorm(2, 4),
    nn.CELU(),
    nn.Conv2d(4, 8, 3, stride=2, padding=1),
)
decoder = nn.Sequential(
    nn.ConvTranspose2d(8, 4, 4, stride=2, padding=1),
    nn.InstanceNorm2d(4, affine=True),
    nn.GLU(dim=1),
    nn.Upsample(scale_factor=2, mode="bilinear"),
    nn.Conv2d(2, 1, 3, padding=1),
    nn.Sigmoid(),
)
print(encoder)
print(decoder)
images = torch.rand(4, 1, 8, 8)
opt = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()), lr=0.01)
for step in range(5):
    code = encoder(images)
    recon = decoder(code)
    loss = F.mse_loss(recon, images)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(step, code.shape, recon.shape, round(loss.item(), 4))
print(decoder[0].weight.grad.shape, decoder[0].bias.grad.abs().sum() > 0)

gen = nn.Sequential(
    nn.ConvTranspose2d(6, 8, 2, stride=1, bias=False),
    nn.PixelShuffle(2),
    nn.LeakyReLU(0.2),
)
z = torch.randn(2, 6, 1, 1)
fake = gen(z)
print(fake.shape, fake.grad_fn)

anchor, positive, negative = torch.randn(3, 5, 4, requires_grad=True).unbind(0)
print(nn.TripletMarginLoss(margin=0.5)(anchor, positive, negative))
print(nn.CosineEmbeddingLoss()(anchor, positive, torch.tensor([1.0, -1.0, 1.0, -1.0, 1.0])))
scores = torch.randn(5, 3, requires_grad=True)
print(nn.MultiMarginLoss()(scores, torch.tensor([0, 2, 1, 1, 0])))
print(nn.PoissonNLLLoss()(scores, torch.tensor([[1.0, 0.0, 2.0]] * 5)))
print(nn.GaussianNLLLoss()(scores, torch.zeros(5, 3), torch.ones(5, 3)))
print(F.interpolate(torch.arange(4.0).view(1, 1, 2, 2), scale_factor=2, mode="nearest"))
print(F.interpolate(torch.arange(4.0).view(1, 1, 2, 2), size=3, mode="bilinear", align_corners=True))
w = torch.empty(3, 5)
nn.init.trunc_normal_(w, std=0.5)
print(w)
nn.init.orthogonal_(w)
print(torch.allclose(w @ w.T, torch.eye(3), atol=1e-5), w.shape)
