// Fake kernel: 1,000,000 rows generated on request, answered after a round trip.
export const N = Number(new URLSearchParams(location.search).get("n")) || 1_000_000;
export const COLS = ["id", "name", "value", "flag", "day", "cat"];
const CATS = ["red", "green", "blue"];
export function makeRow(i) {
  return { id: i, name: "row " + i, value: (i * 7919) % 10007 / 10, flag: i % 3 === 0,
           day: new Date(Date.UTC(2020, 0, 1 + (i % 3650))).toISOString().slice(0, 10), cat: CATS[i % 3] };
}
// sort: [{colId, sort:'asc'|'desc'}] handled "in the kernel": here only id desc is emulated.
export function fetchRows(start, end, sort) {
  const desc = sort && sort.length && sort[0].sort === "desc";
  return new Promise((res) => setTimeout(() => {
    const rows = [];
    for (let i = start; i < Math.min(end, N); i++) rows.push(makeRow(desc ? N - 1 - i : i));
    window.__fetches = (window.__fetches || 0) + 1;
    res(rows);
  }, 30));
}
