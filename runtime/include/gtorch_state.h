/* gtorch_state.h - state dicts of mixed values: what an optimizer's and an
 * lr scheduler's state_dict() give (PyTorch's Dict[str, Any]). A gt_state
 * holds a tree of dicts, lists, tuples, ints, floats, bools, None, strs and
 * tensors, prints as Python prints the dict, and torch.save / torch.load
 * write and read it in PyTorch's zip format (serialize.cpp), so that the
 * files interchange with Python's. Pure C11. */
#ifndef GTORCH_STATE_H
#define GTORCH_STATE_H

#include "gtorch_torch.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gt_state gt_state;
extern const gt_class gt_state_class;
/* The descriptors of tensors and of state dicts (objects, GT_K_OBJ), which
 * tell them from each other and from other objects where a state dict's
 * value is read as the type expected (gt_state_get). */
extern const gt_type gt_t_tensor, gt_t_state;

/* {}: a new, empty state dict. */
gt_state *gt_state_new(void);
/* state[key] = v, a value of .gtp type t: a number, bool, str, None, tensor,
 * or a list, tuple or dict of such values (TypeError for other objects).
 * 0, or -1 with gt_last_error(). */
int gt_state_set(gt_state *s, const char *key, gt_val v, const gt_type *t);
/* The same, returning a new reference to s (NULL on error): a dict display
 * of values of several types is a chain of them. */
gt_state *gt_state_with(gt_state *s, const char *key, gt_val v, const gt_type *t);
/* state[key] as a new value of .gtp type t (`-> Any`): KeyError where it is
 * missing, TypeError where it does not fit t (objects: a tensor for
 * gt_t_tensor, a state dict, a copy, for gt_t_state). Raises (gt_fail). */
gt_val gt_state_get(gt_state *s, const char *key, const gt_type *t);
/* state[key] = [None] * n (LambdaLR's lr_lambdas: a list of the program's
 * cannot hold None). 0, or -1 with gt_last_error(). */
int gt_state_set_nones(gt_state *s, const char *key, int64_t n);
/* key in state, len(state). Raise (gt_fail) where s is None. */
bool gt_state_contains(gt_state *s, const char *key);
int64_t gt_state_len(gt_state *s);
/* list(state) and state.keys(): its keys in insertion order (a new list[str]). */
gt_list *gt_state_keys(gt_state *s);
/* state.items() and state.values(): each value boxed with its own type (a
 * new list[tuple[str, dyn]] and list[dyn]). */
gt_list *gt_state_items(gt_state *s);
gt_list *gt_state_values(gt_state *s);

/* torch.save(state, path) and torch.load(path) of a state dict;
 * map_location= a device or its name moves the tensors there. */
int gt_save_state(gt_state *s, const char *path);
gt_state *gt_load_state(const char *path, bool weights_only);
gt_state *gt_load_state_to(const char *path, const gt_device *map_location, bool weights_only);
gt_state *gt_load_state_to_name(const char *path, const char *map_location, bool weights_only);

/* optimizer.state_dict(): PyTorch 1.13's {'state': {index: {...}},
 * 'param_groups': [{..., 'params': [indices]}]}; optimizer.load_state_dict. */
gt_state *gt_optim_state_dict(gt_optim *o);
int gt_optim_load_state_dict(gt_optim *o, gt_state *s);

#ifdef __cplusplus
}
#endif

#endif
