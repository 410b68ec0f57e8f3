// The authorization matrix, shard 3 of 3 (tests/api/authz_matrix.mjs says what it checks).
import { authzMatrix } from './authz_matrix.mjs';

authzMatrix({ shard: 2, shards: 3 });
