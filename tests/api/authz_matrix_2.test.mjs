// The authorization matrix, shard 2 of 3 (tests/api/authz_matrix.mjs says what it checks).
import { authzMatrix } from './authz_matrix.mjs';

authzMatrix({ shard: 1, shards: 3 });
