"""A planted difference: prints a number that depends on which engine runs the script."""

import torch

print("engine-independent", 3.14159)
print("planted", 1.0 if torch.__name__ == "torch" else 1.5)
