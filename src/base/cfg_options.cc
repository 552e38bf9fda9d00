// The host target's cfg set (x86_64-unknown-linux-gnu, as `rustc --print cfg` says).
#include "base/cfg_options.h"

namespace ferret::base {

CfgOptions CfgOptions::host_target() {
  CfgOptions c;
  for (const char* atom : {"unix", "debug_assertions", "target_thread_local"}) {
    c.insert_atom(atom);
  }
  c.insert_key_value("target_arch", "x86_64");
  c.insert_key_value("target_os", "linux");
  c.insert_key_value("target_family", "unix");
  c.insert_key_value("target_env", "gnu");
  c.insert_key_value("target_vendor", "unknown");
  c.insert_key_value("target_endian", "little");
  c.insert_key_value("target_pointer_width", "64");
  c.insert_key_value("target_abi", "");
  c.insert_key_value("target_has_atomic", "8");
  c.insert_key_value("target_has_atomic", "16");
  c.insert_key_value("target_has_atomic", "32");
  c.insert_key_value("target_has_atomic", "64");
  c.insert_key_value("target_has_atomic", "ptr");
  c.insert_key_value("target_has_atomic_load_store", "8");
  c.insert_key_value("target_has_atomic_load_store", "16");
  c.insert_key_value("target_has_atomic_load_store", "32");
  c.insert_key_value("target_has_atomic_load_store", "64");
  c.insert_key_value("target_has_atomic_load_store", "ptr");
  c.insert_key_value("target_has_atomic_equal_alignment", "8");
  c.insert_key_value("target_has_atomic_equal_alignment", "16");
  c.insert_key_value("target_has_atomic_equal_alignment", "32");
  c.insert_key_value("target_has_atomic_equal_alignment", "64");
  c.insert_key_value("target_has_atomic_equal_alignment", "ptr");
  c.insert_key_value("panic", "unwind");
  for (const char* f : {"fxsr", "sse", "sse2"}) c.insert_key_value("target_feature", f);
  return c;
}

}  // namespace ferret::base
