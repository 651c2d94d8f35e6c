/**
 * Puts a separator between every three digits of a string of digits ("1234567", "." → "1.234.567").
 * A loop, not a look-ahead regular expression: the target texts format thousands of numbers.
 */
export function groupDigits(digits: string, separator: string): string {
  // Anything but plain digits ("Infinity", "1e+21") is left as it is.
  if (!/^\d+$/.test(digits)) return digits;
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += separator + digits.slice(i, i + 3);
  return out;
}
