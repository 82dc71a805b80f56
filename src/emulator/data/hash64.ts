// A deterministic 64-bit string hash for HyperLogLog++ (the sketch needs 64 well-mixed bits per
// id): FNV-1a 64 over the UTF-16 code units, then MurmurHash3's fmix64 finaliser so that ids
// differing in one character spread over all bits. JavaScript has no 64-bit integer arithmetic
// short of BigInt (slow), so a 64-bit value is a pair of unsigned 32-bit halves.

export interface Hash64 {
  hi: number;
  lo: number;
}

/** (ah:al) × (bh:bl) mod 2^64, in 16-bit limbs so no partial product exceeds 2^53. */
export function mul64(ah: number, al: number, bh: number, bl: number): Hash64 {
  const a48 = ah >>> 16;
  const a32 = ah & 0xffff;
  const a16 = al >>> 16;
  const a00 = al & 0xffff;
  const b48 = bh >>> 16;
  const b32 = bh & 0xffff;
  const b16 = bl >>> 16;
  const b00 = bl & 0xffff;
  let c00 = a00 * b00;
  let c16 = c00 >>> 16;
  c00 &= 0xffff;
  c16 += a16 * b00;
  let c32 = Math.floor(c16 / 65536);
  c16 &= 0xffff;
  c16 += a00 * b16;
  c32 += Math.floor(c16 / 65536);
  c16 &= 0xffff;
  c32 += a32 * b00;
  let c48 = Math.floor(c32 / 65536);
  c32 &= 0xffff;
  c32 += a16 * b16;
  c48 += Math.floor(c32 / 65536);
  c32 &= 0xffff;
  c32 += a00 * b32;
  c48 += Math.floor(c32 / 65536);
  c32 &= 0xffff;
  c48 += a48 * b00 + a32 * b16 + a16 * b32 + a00 * b48;
  c48 &= 0xffff;
  return { hi: ((c48 << 16) | c32) >>> 0, lo: ((c16 << 16) | c00) >>> 0 };
}

/** MurmurHash3 fmix64: k ^= k>>>33; k *= C1; k ^= k>>>33; k *= C2; k ^= k>>>33. */
export function fmix64(hi: number, lo: number): Hash64 {
  let h = hi >>> 0;
  let l = (lo ^ (h >>> 1)) >>> 0;
  ({ hi: h, lo: l } = mul64(h, l, 0xff51afd7, 0xed558ccd));
  l = (l ^ (h >>> 1)) >>> 0;
  ({ hi: h, lo: l } = mul64(h, l, 0xc4ceb9fe, 0x1a85ec53));
  l = (l ^ (h >>> 1)) >>> 0;
  return { hi: h, lo: l };
}

export function hash64(s: string): Hash64 {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < s.length; i++) {
    lo = (lo ^ s.charCodeAt(i)) >>> 0;
    ({ hi, lo } = mul64(hi, lo, 0x00000100, 0x000001b3));
  }
  return fmix64(hi, lo);
}
