// The query form every workflow list shares and the page it answers (the store's types, for the API's
// parsers): what a list read through service/queries.hpp takes.
#pragma once
#include "store/declaration_scope.hpp"
