// The bootstrap's PRNG: seeded, so the same data gives the same interval on every run and machine.
export { mulberry32 as seededRandom, type Random } from "../../seeded-random.js";
