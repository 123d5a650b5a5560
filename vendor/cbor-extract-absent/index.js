// cbor-x loads 'cbor-extract' inside try/catch and falls back to its own
// JavaScript decoder when it throws; see docs/desks.md.
throw new Error('cbor-extract: native acceleration not installed');
