// One session of a `qsm bench-data` account by its password (the accounts' password unless
// QSM_BENCH_PASSWORD says otherwise): the headers that carry it.
export async function login(base, account) {
  const password = process.env.QSM_BENCH_PASSWORD || 'Qsm@demo2026';  // what `qsm bench-data` gives its accounts
  const res = await fetch(`${base}/api/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: account, password }),
  });
  if (!res.ok) throw new Error(`login as ${account}: ${res.status}`);
  return { authorization: `Bearer ${(await res.json()).token}` };
}
