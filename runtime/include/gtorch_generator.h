/* gtorch_generator.h - torch.Generator: a random number generator of the
 * program's own, which the factories below draw from instead of the
 * default one (torch.manual_seed's), as PyTorch's do: the same seed gives
 * the same numbers as Python's. CPU generators only.
 *
 * Handles are reference counted (gt_retain/gt_release); errors: NULL with
 * gt_last_error(), as gtorch_torch.h's. */
#ifndef GTORCH_GENERATOR_H
#define GTORCH_GENERATOR_H

#include "gtorch_torch.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gt_generator gt_generator;
typedef struct gt_dtype_obj gt_dtype_obj; /* gtorch_bind.h's, which may include this header first */
extern const gt_class gt_generator_class;

/* torch.Generator(device=None): seeded as PyTorch seeds a new one (67280421310721). */
gt_generator *gt_generator_new(const gt_device *device);
/* g.manual_seed(seed): g itself (a new reference). */
gt_generator *gt_generator_manual_seed(gt_generator *g, int64_t seed);
/* torch.manual_seed(seed): seeds the default generators (as gt_manual_seed)
 * and returns the default CPU generator (a new reference to a handle that
 * shares it: seeding or drawing through it is the default's). */
gt_generator *gt_bind_manual_seed(int64_t seed);
/* g.initial_seed(); g.seed(): a new nondeterministic seed, set and returned. */
int64_t gt_generator_initial_seed(gt_generator *g);
int64_t gt_generator_seed(gt_generator *g);

/* torch.randperm(n, generator=g), torch.rand / randn(*size, generator=g)
 * and torch.randint(low, high, size, generator=g) (NULL: the default
 * generator, as Python's None), with the bindings'
 * dtype, device and requires_grad (gtorch_bind.h's GT_BIND_OPTS). */
gt_tensor *gt_bind_randperm_gen(int64_t n, gt_generator *g, gt_dtype_obj *dtype, gt_device *device, bool requires_grad);
gt_tensor *gt_bind_rand_gen_n(const int64_t *size, int64_t n, gt_generator *g, gt_dtype_obj *dtype, gt_device *device, bool requires_grad);
gt_tensor *gt_bind_rand_gen(const gt_list *size, gt_generator *g, gt_dtype_obj *dtype, gt_device *device, bool requires_grad);
gt_tensor *gt_bind_randn_gen_n(const int64_t *size, int64_t n, gt_generator *g, gt_dtype_obj *dtype, gt_device *device, bool requires_grad);
gt_tensor *gt_bind_randn_gen(const gt_list *size, gt_generator *g, gt_dtype_obj *dtype, gt_device *device, bool requires_grad);
gt_tensor *gt_bind_randint_gen(int64_t low, int64_t high, const gt_list *size, gt_generator *g, gt_dtype_obj *dtype, gt_device *device, bool requires_grad);
gt_tensor *gt_bind_randint_gen_t(int64_t low, int64_t high, const gt_tuple *size, gt_generator *g, gt_dtype_obj *dtype, gt_device *device, bool requires_grad);

#ifdef __cplusplus
}
#endif

#endif
