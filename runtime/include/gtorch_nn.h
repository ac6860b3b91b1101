/* gtorch_nn.h - functional ops, losses, modules, init and optimizers over libtorch. */
#ifndef GTORCH_NN_H
#define GTORCH_NN_H

#endif
