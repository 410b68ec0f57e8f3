// LD_PRELOAD shim for bench/peer/run.sh: appends the text of every statement qsm prepares
// (sqlite3_prepare_v3, as src/store/sqlite.cpp prepares each, once per connection) to $SQL_TRACE_FILE,
// one per line, so that run.sh can check that each statement the peer prepares is one of qsm's.
//   cc -shared -fPIC -O2 -o sqltrace.so sqltrace.c -ldl
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
typedef int (*prepare_v3)(sqlite3*, const char*, int, unsigned int, sqlite3_stmt**, const char**);

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

int sqlite3_prepare_v3(sqlite3* db, const char* sql, int bytes, unsigned int flags, sqlite3_stmt** stmt, const char** tail) {
  static prepare_v3 real;
  if (!real) real = (prepare_v3)dlsym(RTLD_NEXT, "sqlite3_prepare_v3");
  const char* path = getenv("SQL_TRACE_FILE");
  if (path && sql) {
    size_t n = bytes < 0 ? strlen(sql) : strnlen(sql, (size_t)bytes);
    pthread_mutex_lock(&lock);
    FILE* f = fopen(path, "a");
    if (f) {
      fwrite(sql, 1, n, f);
      fputc('\n', f);
      fclose(f);
    }
    pthread_mutex_unlock(&lock);
  }
  return real(db, sql, bytes, flags, stmt, tail);
}
