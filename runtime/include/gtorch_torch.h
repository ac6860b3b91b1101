/* gtorch_torch.h - tensors, modules, optimizers and data over libtorch. */
#ifndef GTORCH_TORCH_H
#define GTORCH_TORCH_H

#endif
