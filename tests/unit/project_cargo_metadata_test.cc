// The cargo metadata reader: a realistic JSON (Debian's cargo 0.66 on a workspace of two
// members with a renamed path dependency, dev/build/Windows-only dependencies, features)
// turned into crates; running the toolchain's cargo through the host (argv, folder,
// environment) and reporting its failures.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "project/cargo_metadata.h"
#include "unit/project_fake_host.h"

namespace ferret::project {
namespace {

using testing::FakeHost;

// /ws/Cargo.toml: [workspace] members = ["crates/*"]
// /ws/crates/geo: package geo-types, [lib] name = "geo", optional itoa behind feature fmt
//   (default), feature extra.
// /ws/crates/app: package my-app (lib, bin, example demo, test it, build.rs); deps
//   geometry = { package = "geo-types", path = "../geo", features = ["extra"] },
//   memchr = "2", winapi under cfg(windows), dev-dep either, build-dep cc.
// Paths shortened: /tmp/ferret-ws -> /ws, /usr/share/cargo/registry -> /reg.
constexpr const char* kWorkspaceJson = R"json({"packages":[
{"name":"cc","version":"1.0.73","id":"cc 1.0.73 (registry+https://github.com/rust-lang/crates.io-index)","source":"registry+https://github.com/rust-lang/crates.io-index","dependencies":[],
 "targets":[{"kind":["lib"],"crate_types":["lib"],"name":"cc","src_path":"/reg/cc-1.0.73/src/lib.rs","edition":"2018","doc":true,"doctest":true,"test":true},{"kind":["bin"],"crate_types":["bin"],"name":"gcc-shim","src_path":"/reg/cc-1.0.73/src/bin/gcc-shim.rs","edition":"2018","doc":true,"doctest":false,"test":true}],"features":{"jobserver":["dep:jobserver"],"parallel":["jobserver"]},"manifest_path":"/reg/cc-1.0.73/Cargo.toml","edition":"2018"},
{"name":"either","version":"1.6.1","id":"either 1.6.1 (registry+https://github.com/rust-lang/crates.io-index)","source":"registry+https://github.com/rust-lang/crates.io-index","dependencies":[],
 "targets":[{"kind":["lib"],"crate_types":["lib"],"name":"either","src_path":"/reg/either-1.6.1/src/lib.rs","edition":"2015","doc":true,"doctest":true,"test":true}],"features":{"default":["use_std"],"use_std":[]},"manifest_path":"/reg/either-1.6.1/Cargo.toml","edition":"2015"},
{"name":"geo-types","version":"0.2.0","id":"geo-types 0.2.0 (path+file:///ws/crates/geo)","source":null,"dependencies":[
{"name":"itoa","kind":null,"rename":null,"features":[],"target":null}],
 "targets":[{"kind":["lib"],"crate_types":["lib"],"name":"geo","src_path":"/ws/crates/geo/src/lib.rs","edition":"2018","doc":true,"doctest":true,"test":true}],"features":{"default":["fmt"],"extra":[],"fmt":["dep:itoa"]},"manifest_path":"/ws/crates/geo/Cargo.toml","edition":"2018"},
{"name":"itoa","version":"1.0.1","id":"itoa 1.0.1 (registry+https://github.com/rust-lang/crates.io-index)","source":"registry+https://github.com/rust-lang/crates.io-index","dependencies":[],
 "targets":[{"kind":["lib"],"crate_types":["lib"],"name":"itoa","src_path":"/reg/itoa-1.0.1/src/lib.rs","edition":"2018","doc":true,"doctest":true,"test":true},{"kind":["test"],"crate_types":["bin"],"name":"test","src_path":"/reg/itoa-1.0.1/tests/test.rs","edition":"2018","doc":false,"doctest":false,"test":true},{"kind":["bench"],"crate_types":["bin"],"name":"bench","src_path":"/reg/itoa-1.0.1/benches/bench.rs","edition":"2018","doc":false,"doctest":false,"test":false}],"features":{},"manifest_path":"/reg/itoa-1.0.1/Cargo.toml","edition":"2018"},
{"name":"memchr","version":"2.5.0","id":"memchr 2.5.0 (registry+https://github.com/rust-lang/crates.io-index)","source":"registry+https://github.com/rust-lang/crates.io-index","dependencies":[],
 "targets":[{"kind":["lib"],"crate_types":["lib"],"name":"memchr","src_path":"/reg/memchr-2.5.0/src/lib.rs","edition":"2018","doc":true,"doctest":true,"test":true},{"kind":["custom-build"],"crate_types":["bin"],"name":"build-script-build","src_path":"/reg/memchr-2.5.0/build.rs","edition":"2018","doc":false,"doctest":false,"test":false}],"features":{"compiler_builtins":["dep:compiler_builtins"],"core":["dep:core"],"default":["std"],"libc":["dep:libc"],"rustc-dep-of-std":["core","compiler_builtins"],"std":[],"use_std":["std"]},"manifest_path":"/reg/memchr-2.5.0/Cargo.toml","edition":"2018"},
{"name":"my-app","version":"0.1.0","id":"my-app 0.1.0 (path+file:///ws/crates/app)","source":null,"dependencies":[
{"name":"geo-types","kind":null,"rename":"geometry","features":["extra"],"target":null,"path":"/ws/crates/geo"},
{"name":"memchr","kind":null,"rename":null,"features":[],"target":null},
{"name":"either","kind":"dev","rename":null,"features":[],"target":null},
{"name":"cc","kind":"build","rename":null,"features":[],"target":null},
{"name":"winapi","kind":null,"rename":null,"features":[],"target":"cfg(windows)"}],
 "targets":[{"kind":["lib"],"crate_types":["lib"],"name":"my-app","src_path":"/ws/crates/app/src/lib.rs","edition":"2021","doc":true,"doctest":true,"test":true},{"kind":["bin"],"crate_types":["bin"],"name":"my-app","src_path":"/ws/crates/app/src/main.rs","edition":"2021","doc":true,"doctest":false,"test":true},{"kind":["example"],"crate_types":["bin"],"name":"demo","src_path":"/ws/crates/app/examples/demo.rs","edition":"2021","doc":false,"doctest":false,"test":false},{"kind":["test"],"crate_types":["bin"],"name":"it","src_path":"/ws/crates/app/tests/it.rs","edition":"2021","doc":false,"doctest":false,"test":true},{"kind":["custom-build"],"crate_types":["bin"],"name":"build-script-build","src_path":"/ws/crates/app/build.rs","edition":"2021","doc":false,"doctest":false,"test":false}],"features":{},"manifest_path":"/ws/crates/app/Cargo.toml","edition":"2021"},
{"name":"winapi","version":"0.3.9","id":"winapi 0.3.9 (registry+https://github.com/rust-lang/crates.io-index)","source":"registry+https://github.com/rust-lang/crates.io-index","dependencies":[
{"name":"winapi-i686-pc-windows-gnu","kind":null,"rename":null,"features":[],"target":"i686-pc-windows-gnu"},
{"name":"winapi-x86_64-pc-windows-gnu","kind":null,"rename":null,"features":[],"target":"x86_64-pc-windows-gnu"}],
 "targets":[{"kind":["lib"],"crate_types":["lib"],"name":"winapi","src_path":"/reg/winapi-0.3.9/src/lib.rs","edition":"2015","doc":true,"doctest":true,"test":true},{"kind":["custom-build"],"crate_types":["bin"],"name":"build-script-build","src_path":"/reg/winapi-0.3.9/build.rs","edition":"2015","doc":false,"doctest":false,"test":false}],"features":{"accctrl":[],"aclapi":[],"activation":[],"adhoc":[],"appmgmt":[],"audioclient":[],"audiosessiontypes":[],"avrt":[],"basetsd":[],"bcrypt":[],"bits":[],"bits10_1":[],"bits1_5":[],"bits2_0":[],"bits2_5":[],"bits3_0":[],"bits4_0":[],"bits5_0":[],"bitscfg":[],"bitsmsg":[],"bluetoothapis":[],"bluetoothleapis":[],"bthdef":[],"bthioctl":[],"bthledef":[],"bthsdpdef":[],"bugcodes":[],"cderr":[],"cfg":[],"cfgmgr32":[],"cguid":[],"combaseapi":[],"coml2api":[],"commapi":[],"commctrl":[],"commdlg":[],"commoncontrols":[],"consoleapi":[],"corecrt":[],"corsym":[],"d2d1":[],"d2d1_1":[],"d2d1_2":[],"d2d1_3":[],"d2d1effectauthor":[],"d2d1effects":[],"d2d1effects_1":[],"d2d1effects_2":[],"d2d1svg":[],"d2dbasetypes":[],"d3d":[],"d3d10":[],"d3d10_1":[],"d3d10_1shader":[],"d3d10effect":[],"d3d10misc":[],"d3d10sdklayers":[],"d3d10shader":[],"d3d11":[],"d3d11_1":[],"d3d11_2":[],"d3d11_3":[],"d3d11_4":[],"d3d11on12":[],"d3d11sdklayers":[],"d3d11shader":[],"d3d11tokenizedprogramformat":[],"d3d12":[],"d3d12sdklayers":[],"d3d12shader":[],"d3d9":[],"d3d9caps":[],"d3d9types":[],"d3dcommon":[],"d3dcompiler":[],"d3dcsx":[],"d3dkmdt":[],"d3dkmthk":[],"d3dukmdt":[],"d3dx10core":[],"d3dx10math":[],"d3dx10mesh":[],"datetimeapi":[],"davclnt":[],"dbghelp":[],"dbt":[],"dcommon":[],"dcomp":[],"dcompanimation":[],"dcomptypes":[],"dde":[],"ddraw":[],"ddrawi":[],"ddrawint":[],"debug":["impl-debug"],"debugapi":[],"devguid":[],"devicetopology":[],"devpkey":[],"devpropdef":[],"dinput":[],"dinputd":[],"dispex":[],"dmksctl":[],"dmusicc":[],"docobj":[],"documenttarget":[],"dot1x":[],"dpa_dsa":[],"dpapi":[],"dsgetdc":[],"dsound":[],"dsrole":[],"dvp":[],"dwmapi":[],"dwrite":[],"dwrite_1":[],"dwrite_2":[],"dwrite_3":[],"dxdiag":[],"dxfile":[],"dxgi":[],"dxgi1_2":[],"dxgi1_3":[],"dxgi1_4":[],"dxgi1_5":[],"dxgi1_6":[],"dxgidebug":[],"dxgiformat":[],"dxgitype":[],"dxva2api":[],"dxvahd":[],"eaptypes":[],"enclaveapi":[],"endpointvolume":[],"errhandlingapi":[],"everything":[],"evntcons":[],"evntprov":[],"evntrace":[],"excpt":[],"exdisp":[],"fibersapi":[],"fileapi":[],"functiondiscoverykeys_devpkey":[],"gl-gl":[],"guiddef":[],"handleapi":[],"heapapi":[],"hidclass":[],"hidpi":[],"hidsdi":[],"hidusage":[],"highlevelmonitorconfigurationapi":[],"hstring":[],"http":[],"ifdef":[],"ifmib":[],"imm":[],"impl-debug":[],"impl-default":[],"in6addr":[],"inaddr":[],"inspectable":[],"interlockedapi":[],"intsafe":[],"ioapiset":[],"ipexport":[],"iphlpapi":[],"ipifcons":[],"ipmib":[],"iprtrmib":[],"iptypes":[],"jobapi":[],"jobapi2":[],"knownfolders":[],"ks":[],"ksmedia":[],"ktmtypes":[],"ktmw32":[],"l2cmn":[],"libloaderapi":[],"limits":[],"lmaccess":[],"lmalert":[],"lmapibuf":[],"lmat":[],"lmcons":[],"lmdfs":[],"lmerrlog":[],"lmjoin":[],"lmmsg":[],"lmremutl":[],"lmrepl":[],"lmserver":[],"lmshare":[],"lmstats":[],"lmsvc":[],"lmuse":[],"lmwksta":[],"lowlevelmonitorconfigurationapi":[],"lsalookup":[],"memoryapi":[],"minschannel":[],"minwinbase":[],"minwindef":[],"mmdeviceapi":[],"mmeapi":[],"mmreg":[],"mmsystem":[],"mprapidef":[],"msaatext":[],"mscat":[],"mschapp":[],"mssip":[],"mstcpip":[],"mswsock":[],"mswsockdef":[],"namedpipeapi":[],"namespaceapi":[],"nb30":[],"ncrypt":[],"netioapi":[],"nldef":[],"ntddndis":[],"ntddscsi":[],"ntddser":[],"ntdef":[],"ntlsa":[],"ntsecapi":[],"ntstatus":[],"oaidl":[],"objbase":[],"objidl":[],"objidlbase":[],"ocidl":[],"ole2":[],"oleauto":[],"olectl":[],"oleidl":[],"opmapi":[],"pdh":[],"perflib":[],"physicalmonitorenumerationapi":[],"playsoundapi":[],"portabledevice":[],"portabledeviceapi":[],"portabledevicetypes":[],"powerbase":[],"powersetting":[],"powrprof":[],"processenv":[],"processsnapshot":[],"processthreadsapi":[],"processtopologyapi":[],"profileapi":[],"propidl":[],"propkey":[],"propkeydef":[],"propsys":[],"prsht":[],"psapi":[],"qos":[],"realtimeapiset":[],"reason":[],"restartmanager":[],"restrictederrorinfo":[],"rmxfguid":[],"roapi":[],"robuffer":[],"roerrorapi":[],"rpc":[],"rpcdce":[],"rpcndr":[],"rtinfo":[],"sapi":[],"sapi51":[],"sapi53":[],"sapiddk":[],"sapiddk51":[],"schannel":[],"sddl":[],"securityappcontainer":[],"securitybaseapi":[],"servprov":[],"setupapi":[],"shellapi":[],"shellscalingapi":[],"shlobj":[],"shobjidl":[],"shobjidl_core":[],"shtypes":[],"softpub":[],"spapidef":[],"spellcheck":[],"sporder":[],"sql":[],"sqlext":[],"sqltypes":[],"sqlucode":[],"sspi":[],"std":[],"stralign":[],"stringapiset":[],"strmif":[],"subauth":[],"synchapi":[],"sysinfoapi":[],"systemtopologyapi":[],"taskschd":[],"tcpestats":[],"tcpmib":[],"textstor":[],"threadpoolapiset":[],"threadpoollegacyapiset":[],"timeapi":[],"timezoneapi":[],"tlhelp32":[],"transportsettingcommon":[],"tvout":[],"udpmib":[],"unknwnbase":[],"urlhist":[],"urlmon":[],"usb":[],"usbioctl":[],"usbiodef":[],"usbscan":[],"usbspec":[],"userenv":[],"usp10":[],"utilapiset":[],"uxtheme":[],"vadefs":[],"vcruntime":[],"vsbackup":[],"vss":[],"vsserror":[],"vswriter":[],"wbemads":[],"wbemcli":[],"wbemdisp":[],"wbemprov":[],"wbemtran":[],"wct":[],"werapi":[],"winbase":[],"wincodec":[],"wincodecsdk":[],"wincon":[],"wincontypes":[],"wincred":[],"wincrypt":[],"windef":[],"windot11":[],"windowsceip":[],"windowsx":[],"winefs":[],"winerror":[],"winevt":[],"wingdi":[],"winhttp":[],"wininet":[],"winineti":[],"winioctl":[],"winnetwk":[],"winnls":[],"winnt":[],"winreg":[],"winsafer":[],"winscard":[],"winsmcrd":[],"winsock2":[],"winspool":[],"winstring":[],"winsvc":[],"wintrust":[],"winusb":[],"winusbio":[],"winuser":[],"winver":[],"wlanapi":[],"wlanihv":[],"wlanihvtypes":[],"wlantypes":[],"wlclient":[],"wmistr":[],"wnnc":[],"wow64apiset":[],"wpdmtpextensions":[],"ws2bth":[],"ws2def":[],"ws2ipdef":[],"ws2spi":[],"ws2tcpip":[],"wtsapi32":[],"wtypes":[],"wtypesbase":[],"xinput":[]},"manifest_path":"/reg/winapi-0.3.9/Cargo.toml","edition":"2015"},
{"name":"winapi-i686-pc-windows-gnu","version":"0.4.0","id":"winapi-i686-pc-windows-gnu 0.4.0 (registry+https://github.com/rust-lang/crates.io-index)","source":"registry+https://github.com/rust-lang/crates.io-index","dependencies":[],
 "targets":[{"kind":["lib"],"crate_types":["lib"],"name":"winapi-i686-pc-windows-gnu","src_path":"/reg/winapi-i686-pc-windows-gnu-0.4.0/src/lib.rs","edition":"2015","doc":true,"doctest":true,"test":true},{"kind":["custom-build"],"crate_types":["bin"],"name":"build-script-build","src_path":"/reg/winapi-i686-pc-windows-gnu-0.4.0/build.rs","edition":"2015","doc":false,"doctest":false,"test":false}],"features":{},"manifest_path":"/reg/winapi-i686-pc-windows-gnu-0.4.0/Cargo.toml","edition":"2015"},
{"name":"winapi-x86_64-pc-windows-gnu","version":"0.4.0","id":"winapi-x86_64-pc-windows-gnu 0.4.0 (registry+https://github.com/rust-lang/crates.io-index)","source":"registry+https://github.com/rust-lang/crates.io-index","dependencies":[],
 "targets":[{"kind":["lib"],"crate_types":["lib"],"name":"winapi-x86_64-pc-windows-gnu","src_path":"/reg/winapi-x86_64-pc-windows-gnu-0.4.0/src/lib.rs","edition":"2015","doc":true,"doctest":true,"test":true},{"kind":["custom-build"],"crate_types":["bin"],"name":"build-script-build","src_path":"/reg/winapi-x86_64-pc-windows-gnu-0.4.0/build.rs","edition":"2015","doc":false,"doctest":false,"test":false}],"features":{},"manifest_path":"/reg/winapi-x86_64-pc-windows-gnu-0.4.0/Cargo.toml","edition":"2015"}],"workspace_members":["my-app 0.1.0 (path+file:///ws/crates/app)","geo-types 0.2.0 (path+file:///ws/crates/geo)"],
"resolve":{"nodes":[
{"id":"cc 1.0.73 (registry+https://github.com/rust-lang/crates.io-index)","deps":[],"features":[]},
{"id":"either 1.6.1 (registry+https://github.com/rust-lang/crates.io-index)","deps":[],"features":["default","use_std"]},
{"id":"geo-types 0.2.0 (path+file:///ws/crates/geo)","deps":[
{"name":"itoa","pkg":"itoa 1.0.1 (registry+https://github.com/rust-lang/crates.io-index)","dep_kinds":[{"kind":null,"target":null}]}],"features":["default","extra","fmt"]},
{"id":"itoa 1.0.1 (registry+https://github.com/rust-lang/crates.io-index)","deps":[],"features":[]},
{"id":"memchr 2.5.0 (registry+https://github.com/rust-lang/crates.io-index)","deps":[],"features":["default","std"]},
{"id":"my-app 0.1.0 (path+file:///ws/crates/app)","deps":[
{"name":"cc","pkg":"cc 1.0.73 (registry+https://github.com/rust-lang/crates.io-index)","dep_kinds":[{"kind":"build","target":null}]},
{"name":"either","pkg":"either 1.6.1 (registry+https://github.com/rust-lang/crates.io-index)","dep_kinds":[{"kind":"dev","target":null}]},
{"name":"geometry","pkg":"geo-types 0.2.0 (path+file:///ws/crates/geo)","dep_kinds":[{"kind":null,"target":null}]},
{"name":"memchr","pkg":"memchr 2.5.0 (registry+https://github.com/rust-lang/crates.io-index)","dep_kinds":[{"kind":null,"target":null}]},
{"name":"winapi","pkg":"winapi 0.3.9 (registry+https://github.com/rust-lang/crates.io-index)","dep_kinds":[{"kind":null,"target":"cfg(windows)"}]}],"features":[]},
{"id":"winapi 0.3.9 (registry+https://github.com/rust-lang/crates.io-index)","deps":[
{"name":"winapi_i686_pc_windows_gnu","pkg":"winapi-i686-pc-windows-gnu 0.4.0 (registry+https://github.com/rust-lang/crates.io-index)","dep_kinds":[{"kind":null,"target":"i686-pc-windows-gnu"}]},
{"name":"winapi_x86_64_pc_windows_gnu","pkg":"winapi-x86_64-pc-windows-gnu 0.4.0 (registry+https://github.com/rust-lang/crates.io-index)","dep_kinds":[{"kind":null,"target":"x86_64-pc-windows-gnu"}]}],"features":[]},
{"id":"winapi-i686-pc-windows-gnu 0.4.0 (registry+https://github.com/rust-lang/crates.io-index)","deps":[],"features":[]},
{"id":"winapi-x86_64-pc-windows-gnu 0.4.0 (registry+https://github.com/rust-lang/crates.io-index)","deps":[],"features":[]}],"root":null},"target_directory":"/ws/target","version":1,"workspace_root":"/ws","metadata":null})json";

const base::CrateData* find(const base::CrateGraph& g, const std::string& name,
                            base::TargetKind kind) {
  for (const base::CrateData& c : g.crates) {
    if (c.name == name && c.target == kind) return &c;
  }
  return nullptr;
}

std::string deps_of(const base::CrateGraph& g, const base::CrateData* c) {
  if (c == nullptr) return "<no crate>";
  std::string out;
  for (const base::CrateDependency& d : c->deps) {
    out += (out.empty() ? "" : " ") + d.name + "->" + g[d.crate].name;
  }
  return out;
}

bool has_package(const base::CrateGraph& g, const std::string& package) {
  for (const base::CrateData& c : g.crates) {
    if (c.package_name == package) return true;
  }
  return false;
}

TEST(ProjectCargoMetadata, WorkspaceOfTwoMembers) {
  base::CrateGraph g;
  CargoMetadataGraph r = add_cargo_metadata_crates(kWorkspaceJson, g);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.workspace_root, "/ws");
  using K = base::TargetKind;

  const base::CrateData* lib = find(g, "my_app", K::Lib);
  ASSERT_NE(lib, nullptr) << "`-` becomes `_` in crate names";
  EXPECT_EQ(lib->package_name, "my-app");
  EXPECT_EQ(lib->package_version, "0.1.0");
  EXPECT_EQ(lib->root_file, "/ws/crates/app/src/lib.rs");
  EXPECT_EQ(lib->package_root, "/ws/crates/app");
  EXPECT_EQ(lib->origin, base::CrateOrigin::Workspace);
  EXPECT_EQ(lib->edition, 2021);
  // The rename is the name code uses; no dev, build or Windows-only deps for the lib.
  EXPECT_EQ(deps_of(g, lib), "geometry->geo memchr->memchr");

  EXPECT_EQ(deps_of(g, find(g, "my_app", K::Bin)), "my_app->my_app geometry->geo memchr->memchr");
  EXPECT_EQ(deps_of(g, find(g, "demo", K::Example)),
            "my_app->my_app either->either geometry->geo memchr->memchr");
  const base::CrateData* it = find(g, "it", K::Test);
  EXPECT_EQ(deps_of(g, it), "my_app->my_app either->either geometry->geo memchr->memchr");
  ASSERT_NE(it, nullptr);
  EXPECT_TRUE(it->cfg.has_atom("test"));
  EXPECT_TRUE(lib->cfg.has_atom("test")) << "a member's unit tests are live code";

  const base::CrateData* geo = find(g, "geo", K::Lib);
  ASSERT_NE(geo, nullptr) << "the lib target's name, not the package's";
  EXPECT_EQ(geo->package_name, "geo-types");
  EXPECT_EQ(geo->origin, base::CrateOrigin::Workspace);
  EXPECT_EQ(geo->edition, 2018);
  EXPECT_EQ(geo->enabled_features, (std::vector<std::string>{"default", "extra", "fmt"}));
  EXPECT_TRUE(geo->cfg.has_key_value("feature", "extra"));
  EXPECT_TRUE(geo->cfg.has_key_value("target_os", "linux"));
  EXPECT_EQ(deps_of(g, geo), "itoa->itoa");

  const base::CrateData* memchr = find(g, "memchr", K::Lib);
  ASSERT_NE(memchr, nullptr);
  EXPECT_EQ(memchr->origin, base::CrateOrigin::Dependency);
  EXPECT_EQ(memchr->root_file, "/reg/memchr-2.5.0/src/lib.rs");
  EXPECT_FALSE(memchr->cfg.has_atom("test")) << "a dependency is built as cargo builds it";
  EXPECT_EQ(memchr->enabled_features, (std::vector<std::string>{"default", "std"}));
  EXPECT_EQ(find(g, "itoa", K::Test), nullptr) << "only the lib of a dependency";
  EXPECT_EQ(find(g, "build_script_build", K::Bin), nullptr);
  EXPECT_NE(find(g, "either", K::Lib), nullptr) << "dev-deps of members are loaded";
  EXPECT_FALSE(has_package(g, "winapi")) << "cfg(windows) only";
  EXPECT_FALSE(has_package(g, "winapi-x86_64-pc-windows-gnu"));
  EXPECT_FALSE(has_package(g, "cc")) << "build-dependencies only feed build.rs";

  // Members come first, each in the JSON's order.
  ASSERT_GE(g.size(), 2u);
  EXPECT_EQ(g[0].origin, base::CrateOrigin::Workspace);
  EXPECT_EQ(g.size(), 8u);  // geo, my_app lib/bin/demo/it, either, itoa, memchr
}

TEST(ProjectCargoMetadata, AppendsAfterExistingCrates) {
  base::CrateGraph g;
  g.add(base::CrateData{});
  g.add(base::CrateData{});
  ASSERT_TRUE(add_cargo_metadata_crates(kWorkspaceJson, g).ok);
  const base::CrateData* lib = find(g, "my_app", base::TargetKind::Lib);
  EXPECT_EQ(deps_of(g, lib), "geometry->geo memchr->memchr");
}

TEST(ProjectCargoMetadata, ProcMacroAndOldCargoWithoutDepKinds) {
  const char* json = R"json({"packages":[
    {"name":"m","version":"1.0.0","id":"m 1.0.0 (path+file:///m)","source":null,
     "targets":[{"kind":["proc-macro"],"crate_types":["proc-macro"],"name":"m","src_path":"/m/src/lib.rs","edition":"2018"}],
     "manifest_path":"/m/Cargo.toml"},
    {"name":"q","version":"0.1.0","id":"q 0.1.0 (registry+x)","source":"registry+x",
     "targets":[{"kind":["lib"],"name":"q","src_path":"/r/q/src/lib.rs"}],"manifest_path":"/r/q/Cargo.toml"}],
   "workspace_members":["m 1.0.0 (path+file:///m)"],
   "resolve":{"nodes":[{"id":"m 1.0.0 (path+file:///m)","deps":[{"name":"q","pkg":"q 0.1.0 (registry+x)"}],"features":[]},
                       {"id":"q 0.1.0 (registry+x)","deps":[],"features":[]}]},
   "workspace_root":"/m"})json";
  base::CrateGraph g;
  ASSERT_TRUE(add_cargo_metadata_crates(json, g).ok);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_TRUE(g[0].proc_macro);
  EXPECT_EQ(g[0].target, base::TargetKind::Lib);
  EXPECT_EQ(deps_of(g, &g[0]), "q->q");
  EXPECT_EQ(g[1].edition, 2015) << "a target without edition is 2015, as in Cargo";
}

TEST(ProjectCargoMetadata, BadJsonLeavesTheGraphAlone) {
  for (const char* bad :
       {"", "{", "[1,2]", "{\"packages\": 3}", "{\"packages\":[{\"id\":5}]} trailing"}) {
    base::CrateGraph g;
    CargoMetadataGraph r = add_cargo_metadata_crates(bad, g);
    EXPECT_FALSE(r.ok) << bad;
    EXPECT_FALSE(r.error.empty()) << bad;
    EXPECT_EQ(g.size(), 0u) << bad;
  }
  // Wrong types inside are skipped, not fatal.
  base::CrateGraph g;
  EXPECT_TRUE(add_cargo_metadata_crates(
                  R"({"packages":[{"id":5},{"id":"x","targets":7}],"resolve":null})", g)
                  .ok);
  EXPECT_EQ(g.size(), 0u);
}

TEST(ProjectCargoMetadata, RunsTheToolchainsCargoFromTheNeutralFolder) {
  FakeHost h;
  Toolchain t;
  t.cargo = "/opt/rust/bin/cargo";
  t.env = {{"RUSTC", "/opt/rust/bin/rustc"}, {"RUSTC_WRAPPER", ""}};
  h.program("/opt/rust/bin/cargo metadata", "{\"packages\":[]}");
  CargoMetadataRun r = run_cargo_metadata(h, t, "/ws/crates/app");
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.json, "{\"packages\":[]}");
  ASSERT_EQ(h.calls.size(), 1u);
  EXPECT_EQ(h.calls[0].argv,
            (std::vector<std::string>{"/opt/rust/bin/cargo", "metadata", "--format-version", "1",
                                      "--offline", "--all-features", "--manifest-path",
                                      "/ws/crates/app/Cargo.toml"}));
  EXPECT_EQ(h.calls[0].cwd, "/") << "cargo reads .cargo/config.toml from its working directory";
  EXPECT_EQ(h.calls[0].env, t.env);
  EXPECT_EQ(h.calls[0].timeout_ms, 30000);
}

TEST(ProjectCargoMetadata, Failures) {
  Toolchain t;
  t.cargo = "cargo";
  {
    FakeHost h;  // `cargo` is not there
    CargoMetadataRun r = run_cargo_metadata(h, t, "/p");
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, "could not run cargo");
    EXPECT_EQ(h.calls.at(0).argv.at(0), "cargo");
  }
  {
    FakeHost h;
    h.program("cargo", "", 101,
              "warning: unused manifest key: foo\nerror: failed to select a version for `zzz`.\n"
              "    ... required by package `p v0.1.0 (/p)`\n");
    CargoMetadataRun r = run_cargo_metadata(h, t, "/p");
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, "error: failed to select a version for `zzz`.");
  }
  {
    FakeHost h;
    h.program("cargo", "", -1);
    EXPECT_EQ(run_cargo_metadata(h, t, "/p", 2000).error, "cargo metadata took longer than 2 s");
  }
}

}  // namespace
}  // namespace ferret::project
