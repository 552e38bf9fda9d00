// Gives memory the process freed back to the system. A server that drops what it kept
// for closed documents frees it to the allocator, whose arenas keep the pages (and a
// fragmented arena keeps most of them): resident memory would grow with every document
// an editor ever opened though little of it is in use. Called when a server is idle
// after dropping state, never on a request's path.
#pragma once

namespace ferret::frontends {

// Returns free pages of every allocator arena to the system (glibc's malloc_trim);
// nothing with other allocators.
void return_free_memory();

}  // namespace ferret::frontends
