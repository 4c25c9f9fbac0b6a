// tests/http/pnr.mjs — a Swedish personnummer with a valid check digit,
// made here rather than written out, for the tests of the freetext guard.
//   pnr('451224', '567') → '451224-5677'
export function pnr(yymmdd, nnn) {
  const d = (yymmdd + nnn).split('').map(Number);
  const sum = d.reduce((s, v, i) => { const x = v * (i % 2 === 0 ? 2 : 1); return s + (x > 9 ? x - 9 : x); }, 0);
  return `${yymmdd}-${nnn}${(10 - (sum % 10)) % 10}`;
}
