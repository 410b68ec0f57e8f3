// The authorization matrix, shard 1 of 3 (tests/api/authz_matrix.mjs says what it checks).
import { authzMatrix } from './authz_matrix.mjs';

authzMatrix({ shard: 0, shards: 3 });
