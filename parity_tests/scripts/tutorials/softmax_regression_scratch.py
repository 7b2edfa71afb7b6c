# d2l-style softmax regression from scratch: manual softmax, cross-entropy via gather, sgd update.
import torch

torch.manual_seed(0)
num_inputs, num_outputs = 8, 3
W = torch.normal(0, 0.01, size=(num_inputs, num_outputs), requires_grad=True)
b = torch.zeros(num_outputs, requires_grad=True)


def softmax(X):
    X_exp = torch.exp(X)
    partition = X_exp.sum(1, keepdim=True)
    return X_exp / partition


def net(X):
    return softmax(torch.matmul(X.reshape((-1, W.shape[0])), W) + b)


def cross_entropy(y_hat, y):
    return -torch.log(y_hat[range(len(y_hat)), y])


def accuracy(y_hat, y):
    if len(y_hat.shape) > 1 and y_hat.shape[1] > 1:
        y_hat = y_hat.argmax(axis=1)
    cmp = y_hat.type(y.dtype) == y
    return float(cmp.type(y.dtype).sum())


def sgd(params, lr, batch_size):
    with torch.no_grad():
        for param in params:
            param -= lr * param.grad / batch_size
            param.grad.zero_()


X = torch.randn(60, num_inputs)
true_W = torch.randn(num_inputs, num_outputs)
y = (X @ true_W).argmax(dim=1)
y_hat = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
print(y_hat[[0, 1], [0, 2]])
print(cross_entropy(y_hat, torch.tensor([0, 2])))
print(softmax(torch.normal(0, 1, (2, 5))).sum(1))
for epoch in range(10):
    for i in range(0, 60, 20):
        l = cross_entropy(net(X[i:i + 20]), y[i:i + 20])
        l.sum().backward()
        sgd([W, b], 0.5, 20)
    with torch.no_grad():
        print(f"epoch {epoch + 1}, loss {cross_entropy(net(X), y).mean():f}, acc {accuracy(net(X), y) / 60:.3f}")
