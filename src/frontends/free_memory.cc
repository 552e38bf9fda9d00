// See free_memory.h.
#include "frontends/free_memory.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace ferret::frontends {

void return_free_memory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace ferret::frontends
