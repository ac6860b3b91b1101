// state_internal.h - private glue of state_dict.cpp, serialize.cpp and
// optim.cpp: a gt_state is a handle on a dict IValue (c10's GenericDict of
// Any to Any, insertion ordered as Python's dict), the form libtorch's
// pickler writes and its unpickler reads.
#pragma once

#include <ATen/core/Dict.h>
#include <ATen/core/ivalue.h>

#include "internal.h"

using GenericDict = c10::impl::GenericDict;
using GenericList = c10::impl::GenericList;

struct gt_state {
  gt_obj h;
  GenericDict *d;
};

// A new Dict[Any, Any] / List[Any], as Python's dict and list are.
GenericDict gt_generic_dict();
GenericList gt_generic_list();
// A new handle on d (rc = 1), and the dict a handle holds (throws on None).
gt_state *gt_state_wrap(GenericDict d);
GenericDict &gt_state_of(gt_state *s);
// The value of `key` in a dict IValue, or throws Python's KeyError.
const c10::IValue &gt_state_item(const GenericDict &d, const std::string &key);
// A state value's Python type name ("int", "NoneType", "Tensor"), as TypeErrors say it.
const char *gt_state_kind(const c10::IValue &v);
// Python's repr() of a state value ("{'lr': 0.1, 'params': [0, 1]}").
std::string gt_state_repr(const c10::IValue &v);
// Which dict IValues are Python's OrderedDict (a model's state_dict() in a
// checkpoint, one loaded from a file): a side table of weak references, so
// the mark lives as long as the dict and no other dict inherits it.
void gt_state_set_ordered(const c10::IValue &dict, bool ordered);
bool gt_state_is_ordered(const c10::IValue &dict);
