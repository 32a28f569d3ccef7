# One static library per layer, linked one way:
#   core ← codec ← storage, adapters ← engine ← http ← abi (libreclaim.so)
# A layer's sources include headers as "<layer>/name.hpp". Each layer's include root holds a
# single link, <root>/<layer> → the layer's folder, so a target sees its own headers and those
# of the layers it links to, and nothing above: an upward include does not compile.
# tests/layers/check_includes.py checks the same rule over the sources (also for headers that
# no build reaches).
function(reclaim_layer name)
  cmake_parse_arguments(LAYER "" "FOLDER" "SOURCES;DEPENDS" ${ARGN})
  if(NOT LAYER_FOLDER)
    set(LAYER_FOLDER ${CMAKE_CURRENT_SOURCE_DIR})
  endif()
  set(root ${CMAKE_BINARY_DIR}/layers/${name})
  file(MAKE_DIRECTORY ${root})
  file(CREATE_LINK ${LAYER_FOLDER} ${root}/${name} SYMBOLIC)
  add_library(reclaim_${name} STATIC ${LAYER_SOURCES})
  target_include_directories(reclaim_${name} PUBLIC ${root})
  target_link_libraries(reclaim_${name} PUBLIC ${LAYER_DEPENDS})
  target_compile_options(reclaim_${name} PRIVATE ${RECLAIM_WARNINGS})
endfunction()
