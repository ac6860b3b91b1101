# CMake toolchain for 64-bit ARM Linux (Debian's arm64): builds gtorchc's
# runtime with Debian's gcc-aarch64-linux-gnu / g++-aarch64-linux-gnu against
# a sysroot that holds the arm64 libtorch (tools/make-sysroot makes one).
#
#   cmake -S . -B build-aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake -DGT_SYSROOT=DIR
#
# tools/build-cross does this and stages the libraries where gtorchc looks
# for them: lib/aarch64-linux-gnu/ beside the host's lib/.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(GT_TARGET_TRIPLE aarch64-linux-gnu)

# try_compile projects re-read this file without the cache: pass it along.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES GT_SYSROOT)
if(NOT GT_SYSROOT AND DEFINED ENV{GT_SYSROOT})
  set(GT_SYSROOT $ENV{GT_SYSROOT})
endif()
if(NOT GT_SYSROOT OR NOT EXISTS ${GT_SYSROOT}/usr/include)
  message(FATAL_ERROR "GT_SYSROOT must name an arm64 sysroot (tools/make-sysroot makes one)")
endif()

set(CMAKE_C_COMPILER ${GT_TARGET_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${GT_TARGET_TRIPLE}-g++)
set(CMAKE_SYSROOT ${GT_SYSROOT})
set(CMAKE_LIBRARY_ARCHITECTURE ${GT_TARGET_TRIPLE})

# Libraries, headers and packages (libtorch's CMake files) come from the
# sysroot only; programs (python3, re2c) from the host.
set(CMAKE_FIND_ROOT_PATH ${GT_SYSROOT})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
