# reclaim_embed(OUTPUT file.cpp INPUTS a b … HEADER x.hpp NAMESPACE ns TYPE T TABLE kName
#               COMMENT "…"): a build step that writes INPUTS into OUTPUT with embed_files.cmake
# (a table of {name, data} string views declared in HEADER), remade when an input changes.
set(RECLAIM_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_files.cmake)
function(reclaim_embed)
  cmake_parse_arguments(EMBED "" "OUTPUT;HEADER;NAMESPACE;TYPE;TABLE;COMMENT" "INPUTS" ${ARGN})
  add_custom_command(
    OUTPUT ${EMBED_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${EMBED_OUTPUT} "-DINPUTS=${EMBED_INPUTS}"
            -DHEADER=${EMBED_HEADER} -DNAMESPACE=${EMBED_NAMESPACE} -DTYPE=${EMBED_TYPE}
            -DTABLE=${EMBED_TABLE} -P ${RECLAIM_EMBED_SCRIPT}
    DEPENDS ${EMBED_INPUTS} ${RECLAIM_EMBED_SCRIPT}
    COMMENT "${EMBED_COMMENT}" VERBATIM)
endfunction()
