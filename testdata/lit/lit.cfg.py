# lit configuration for taskleak's analyzer tests (clang/test/Analysis style).
#
# Substitutions:
#   %clang_analyze_cc1  clang -cc1 -analyze with the plugin loaded
#   %clang_analyze_cxx_cc1  the same for C++20 with the system libstdc++
#   %taskleak_plugin    the plugin file
#   %inputs             testdata/lit/Inputs (simulated library headers)
#   %clang              the clang the plugin was built for
#   %scan_build         the scan-build of that clang
#   %taskleak_scan_build  our scan-build wrapper
#   %other_clang        another installed clang (feature other-clang)
import os
import subprocess
import lit.formats

config.name = "taskleak"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".cpp", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.taskleak_build, "testdata", "lit-out")

inputs = os.path.join(config.test_source_root, "Inputs")
resource_dir = subprocess.run([config.clang, "-print-resource-dir"], capture_output=True,
                              text=True, check=True).stdout.strip()
cc1 = (f"{config.clang} -cc1 -analyze -analyzer-constraints=range "
       f"-load {config.taskleak_plugin} -setup-static-analyzer "
       f"-I {inputs} -isystem /usr/include/glib-2.0 "
       f"-isystem /usr/lib/x86_64-linux-gnu/glib-2.0/include "
       f"-internal-isystem {resource_dir}/include "
       f"-internal-externc-isystem /usr/include/x86_64-linux-gnu "
       f"-internal-externc-isystem /usr/include")
# cc1 finds no C++ library by itself: name the system libstdc++ (GCC 12).
cxx_cc1 = (cc1.replace(f"-internal-isystem {resource_dir}/include",
                       "-internal-isystem /usr/include/c++/12 "
                       "-internal-isystem /usr/include/x86_64-linux-gnu/c++/12 "
                       "-internal-isystem /usr/include/c++/12/backward "
                       f"-internal-isystem {resource_dir}/include")
           + " -x c++ -std=c++20 -fgnuc-version=4.2.1 -fcxx-exceptions -fexceptions")
config.substitutions.append(("%clang_analyze_cxx_cc1", cxx_cc1))
config.substitutions.append(("%clang_analyze_cc1", cc1))
config.substitutions.append(("%taskleak_plugin", config.taskleak_plugin))
config.substitutions.append(("%inputs", inputs))
config.substitutions.append(("%clang", config.clang))
config.substitutions.append(("%src", config.taskleak_src))
config.substitutions.append(("FileCheck", config.filecheck))
config.available_features.add(f"clang-{config.llvm_major}")
config.substitutions.append(("%scan_build", config.scan_build))
config.substitutions.append(("%taskleak_scan_build",
                             os.path.join(config.taskleak_build, "bin", "taskleak-scan-build")))
# Another installed clang, which must refuse this plugin loudly.
for major in ("14", "15", "16", "19"):
    other = f"/usr/lib/llvm-{major}/bin/clang"
    if major != config.llvm_major and os.access(other, os.X_OK):
        config.available_features.add("other-clang")
        config.substitutions.append(("%other_clang", other))
        break
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])
