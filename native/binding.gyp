{
  "targets": [
    {
      "target_name": "northstar_nn",
      "sources": ["src/addon.cc", "src/kernels.cc", "src/lapack.cc", "src/batch_norm.cc", "src/conv_gemm.cc"],
      "dependencies": ["<!(node -p \"require('node-addon-api').targets\"):node_addon_api_except"],
      "defines": ["NAPI_VERSION=8"],
      "cflags_cc": ["-O3", "-march=native", "-fno-math-errno", "-std=c++17"],
      "cflags_cc!": ["-fno-exceptions"],
      "conditions": [
        ["OS=='mac'", {
          "defines": ["NORTHSTAR_ACCELERATE", "ACCELERATE_NEW_LAPACK"],
          "libraries": ["-framework Accelerate"],
          "xcode_settings": {
            "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
            "OTHER_CPLUSPLUSFLAGS": ["-O3", "-std=c++17"]
          }
        }, {
          "include_dirs": ["<!(node find-blas.mjs include)"],
          "libraries": [
            "-L<!(node find-blas.mjs libdir)",
            "-Wl,-rpath,<!(node find-blas.mjs libdir)",
            "-lopenblas"
          ]
        }]
      ]
    }
  ]
}
