# Compiles files into the binary: qsm_embed(OUT file...) writes OUT, a C++ source defining
# qsm::embedded::files(), a table of {name, bytes}. Names are the file names without directory.
function(qsm_embed out)
  set(inputs ${ARGN})
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} "-DINPUTS=${inputs}" -P ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${inputs} ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding ${CMAKE_CURRENT_LIST_LINE} files"
    VERBATIM)
endfunction()
