// The bootstrap's PRNG: seeded, so the same data gives the same interval on every run and machine.
export { Mulberry32 as SeededRandom } from "../../seeded-random.js";
