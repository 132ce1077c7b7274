// How the grid's cells read, by column type, as Streamlit shows them: numbers by `format`
// (printf-style or a named format), dates and times by a Moment.js-style `format`, links by
// `display_text`, progress bars, chart columns. Pure (no DOM), tested with node (js/test/).
// Formatting happens here, in the browser, as in Streamlit: the kernel sends raw values once
// (sorting, editing and copying need them), and the browser's Intl gives "localized",
// "compact" and the currencies in the reader's own locale.

/**
 * @param {number} value
 * @param {Intl.NumberFormatOptions} options
 * @param {string | undefined} [locale]
 */
function intl(value, options, locale = "en-US") {
  return new Intl.NumberFormat(locale, options).format(value);
}

/**
 * Group the whole part of a number's text by thousands: "1234567.5" -> "1,234,567.5".
 * @param {string} text
 */
function grouped(text) {
  const [whole, frac] = text.split(".");
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac !== undefined ? `.${frac}` : "");
}

const PLACEHOLDER = /%(?:(%)|([+\-0 ]|'.|,)*(\d+)?(?:\.(\d+))?([bcdieEfgGosuxX]))/g;

/**
 * A printf-style format with one number, as sprintf-js reads it (Streamlit's number
 * columns): flags `+`, `-`, `0`, `'c` (pad with c), `,` (Streamlit's thousands separator),
 * a width, a precision, and a type: d i u (whole), f (fixed), e E (exponent), g G, x X o b
 * (bases), c (character), s (text). "%%" is a percent sign. Text around is kept.
 * @param {string} format
 * @param {number} value
 */
export function sprintf(format, value) {
  return format.replace(PLACEHOLDER, (whole, percent, _flag, width, digits, type) => {
    if (percent) return "%";
    const flags = whole.slice(1).match(/^([+\-0 ]|'.|,)*/)?.[0] ?? "";
    const precision = digits === undefined ? undefined : Number(digits);
    let text;
    let number = value;
    switch (type) {
      case "d":
      case "i":
        number = Math.trunc(value);
        text = String(Math.abs(number));
        break;
      case "u":
        text = String(Math.trunc(value) >>> 0);
        number = Math.abs(number);
        break;
      case "f":
        text = Math.abs(value).toFixed(precision ?? 6);
        break;
      case "e":
      case "E":
        text = Math.abs(value).toExponential(precision ?? 6);
        if (type === "E") text = text.toUpperCase();
        break;
      case "g":
      case "G":
        text = precision === undefined ? String(Math.abs(value))
          : String(Number(Math.abs(value).toPrecision(precision || 1)));
        if (type === "G") text = text.toUpperCase();
        break;
      case "x":
        text = (Math.trunc(value) >>> 0).toString(16);
        number = 1;
        break;
      case "X":
        text = (Math.trunc(value) >>> 0).toString(16).toUpperCase();
        number = 1;
        break;
      case "o":
        text = (Math.trunc(value) >>> 0).toString(8);
        number = 1;
        break;
      case "b":
        text = (Math.trunc(value) >>> 0).toString(2);
        number = 1;
        break;
      case "c":
        return String.fromCharCode(Math.trunc(value));
      default: // "s"
        text = String(value);
        number = 1;
    }
    if (flags.includes(",")) text = grouped(text);
    const sign = number < 0 || Object.is(number, -0) && type !== "d" ? "-"
      : flags.includes("+") ? "+" : "";
    const padChar = flags.match(/'(.)/)?.[1] ?? (flags.replace(/'./g, "").includes("0") ? "0" : " ");
    const size = width === undefined ? 0 : Number(width);
    const bare = sign + text;
    if (bare.length >= size) return bare;
    const pad = padChar.repeat(size - bare.length);
    if (flags.replace(/'./g, "").includes("-")) return bare + pad.replace(/0/g, " ");
    return padChar === "0" ? sign + pad + text : pad + bare;
  });
}

/**
 * A number of seconds as Moment.js humanizes it ("a few seconds", "2 hours", "a day").
 * @param {number} seconds
 */
export function humanize(seconds) {
  const s = Math.abs(seconds);
  const m = s / 60;
  const h = m / 60;
  const d = h / 24;
  if (s < 45) return "a few seconds";
  if (s < 90) return "a minute";
  if (m < 45) return `${Math.round(m)} minutes`;
  if (m < 90) return "an hour";
  if (h < 22) return `${Math.round(h)} hours`;
  if (h < 36) return "a day";
  if (d < 26) return `${Math.round(d)} days`;
  if (d < 45) return "a month";
  if (d < 320) return `${Math.round(d / 30.4375)} months`;
  if (d < 548) return "a year";
  return `${Math.round(d / 365.25)} years`;
}

/**
 * A number as Streamlit's number (and progress) columns show it: by `format`, else whole
 * numbers as they are and fractions to the digits of `step` (or at most 4).
 * @param {number} value
 * @param {string | null | undefined} format
 * @param {number | null | undefined} [step]
 */
export function formatNumber(value, format, step) {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "∞" : "-∞";
  switch (format) {
    case undefined:
    case null:
    case "": {
      if (typeof step === "number" && step > 0 && !Number.isInteger(step)) {
        const digits = (String(step).split(".")[1] ?? "").length;
        return value.toFixed(Math.min(digits, 20));
      }
      return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e4) / 1e4);
    }
    case "plain":
      return intl(value, { maximumFractionDigits: 20, useGrouping: false });
    case "localized":
      return intl(value, { maximumFractionDigits: 6 }, undefined);
    case "percent":
      return `${(value * 100).toFixed(2)}%`;
    case "dollar":
      return intl(value, { style: "currency", currency: "USD" });
    case "euro":
      return intl(value, { style: "currency", currency: "EUR" });
    case "yen":
      return intl(value, { style: "currency", currency: "JPY" });
    case "accounting": {
      const text = intl(Math.abs(value), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      return value < 0 ? `(${text})` : text;
    }
    case "compact":
      return intl(value, { notation: "compact", compactDisplay: "short", maximumFractionDigits: 1 });
    case "scientific":
      return intl(value, { notation: "scientific", maximumFractionDigits: 3 });
    case "engineering":
      return intl(value, { notation: "engineering", maximumFractionDigits: 3 });
    case "bytes": {
      const units = ["B", "KB", "MB", "GB", "TB", "PB"];
      let size = Math.abs(value);
      let unit = 0;
      while (size >= 1000 && unit < units.length - 1) {
        size /= 1000;
        unit += 1;
      }
      const text = unit === 0 ? String(Math.round(size)) : String(Math.round(size * 10) / 10);
      return `${value < 0 ? "-" : ""}${text}${units[unit]}`;
    }
    case "duration":
      return humanize(value);
  }
  return sprintf(format, value);
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const TOKENS = /\[([^\]]*)]|YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|SSS|SS|S|A|a|ZZ|Z|X|x/g;

/** @param {number} n @param {number} size */
const pad = (n, size = 2) => String(n).padStart(size, "0");

/** @param {number} n */
function ordinal(n) {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
}

/**
 * A date in a Moment.js format ("YYYY-MM-DD HH:mm:ss", "D MMM YYYY, h:mm a", "ddd ha"),
 * read in UTC (the grid's dates travel as UTC).
 * @param {Date} date
 * @param {string} format
 */
export function momentFormat(date, format) {
  const Y = date.getUTCFullYear();
  const M = date.getUTCMonth();
  const D = date.getUTCDate();
  const day = date.getUTCDay();
  const H = date.getUTCHours();
  const m = date.getUTCMinutes();
  const s = date.getUTCSeconds();
  const ms = date.getUTCMilliseconds();
  const h = H % 12 === 0 ? 12 : H % 12;
  return format.replace(TOKENS, (token, literal) => {
    if (literal !== undefined) return literal;
    switch (token) {
      case "YYYY": return String(Y);
      case "YY": return pad(Y % 100);
      case "MMMM": return MONTHS[M];
      case "MMM": return MONTHS[M].slice(0, 3);
      case "MM": return pad(M + 1);
      case "M": return String(M + 1);
      case "Do": return ordinal(D);
      case "DD": return pad(D);
      case "D": return String(D);
      case "dddd": return DAYS[day];
      case "ddd": return DAYS[day].slice(0, 3);
      case "dd": return DAYS[day].slice(0, 2);
      case "d": return String(day);
      case "HH": return pad(H);
      case "H": return String(H);
      case "hh": return pad(h);
      case "h": return String(h);
      case "mm": return pad(m);
      case "m": return String(m);
      case "ss": return pad(s);
      case "s": return String(s);
      case "SSS": return pad(ms, 3);
      case "SS": return pad(Math.floor(ms / 10));
      case "S": return String(Math.floor(ms / 100));
      case "A": return H < 12 ? "AM" : "PM";
      case "a": return H < 12 ? "am" : "pm";
      case "ZZ": return "+0000";
      case "Z": return "+00:00";
      case "X": return String(Math.floor(date.getTime() / 1000));
      default: return String(date.getTime()); // "x"
    }
  });
}

/**
 * A temporal value as a Date (UTC): milliseconds since the epoch (a datetime column), or
 * ISO text ("2024-01-02", "13:45:00", "2024-01-02T13:45:00").
 * @param {unknown} value
 * @returns {Date | null}
 */
export function toDate(value) {
  if (typeof value === "number" || typeof value === "bigint") {
    const date = new Date(Number(value));
    return Number.isNaN(date.getTime()) ? null : date;
  }
  if (typeof value !== "string" || value === "") return null;
  let text = value.trim();
  if (/^\d{1,2}:\d{2}/.test(text)) text = `1970-01-01T${text}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) text = `${text}T00:00:00`;
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(text)) text = `${text.replace(" ", "T")}Z`;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

const DEFAULT_TEMPORAL = { datetime: "YYYY-MM-DD HH:mm:ss", date: "YYYY-MM-DD", time: "HH:mm:ss" };

/**
 * A date, time or datetime cell as Streamlit shows it: its default shape
 * ("YYYY-MM-DD HH:mm:ss", "YYYY-MM-DD", "HH:mm:ss"), "localized", "iso8601", "distance"
 * ("3 days ago"), "calendar" ("Today at 8:00 PM"), or a Moment.js format.
 * @param {unknown} value
 * @param {"datetime" | "date" | "time"} kind
 * @param {string | null | undefined} format
 * @param {number} [now] milliseconds since the epoch (for "distance" and "calendar")
 */
export function formatTemporal(value, kind, format, now = Date.now()) {
  const date = toDate(value);
  if (date === null) return String(value);
  switch (format) {
    case undefined:
    case null:
    case "":
      return momentFormat(date, DEFAULT_TEMPORAL[kind]);
    case "iso8601":
      if (kind === "date") return date.toISOString().slice(0, 10);
      if (kind === "time") return date.toISOString().slice(11, 23);
      return date.toISOString();
    case "localized": {
      /** @type {Intl.DateTimeFormatOptions} */
      const options = kind === "date" ? { dateStyle: "medium", timeZone: "UTC" }
        : kind === "time" ? { timeStyle: "medium", timeZone: "UTC" }
        : { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" };
      return new Intl.DateTimeFormat(undefined, options).format(date);
    }
    case "distance": {
      const seconds = (date.getTime() - now) / 1000;
      return seconds > 0 ? `in ${humanize(seconds)}` : `${humanize(seconds)} ago`;
    }
    case "calendar": {
      const days = Math.round((Date.UTC(date.getUTCFullYear(), date.getUTCMonth(),
        date.getUTCDate()) - Math.floor(now / 86_400_000) * 86_400_000) / 86_400_000);
      const time = momentFormat(date, "h:mm A");
      if (days === 0) return `Today at ${time}`;
      if (days === -1) return `Yesterday at ${time}`;
      if (days === 1) return `Tomorrow at ${time}`;
      if (days > 1 && days < 7) return `${momentFormat(date, "dddd")} at ${time}`;
      if (days < -1 && days > -7) return `Last ${momentFormat(date, "dddd")} at ${time}`;
      return momentFormat(date, "MM/DD/YYYY");
    }
  }
  return momentFormat(date, format);
}

/**
 * The value an HTML date/time input holds for a temporal cell ("2024-01-02",
 * "13:45:00", "2024-01-02T13:45:00"), or "" when there is none.
 * @param {unknown} value
 * @param {"datetime" | "date" | "time"} kind
 */
export function inputValue(value, kind) {
  const date = toDate(value);
  if (date === null) return "";
  const iso = date.toISOString();
  if (kind === "date") return iso.slice(0, 10);
  if (kind === "time") return iso.slice(11, 19);
  return iso.slice(0, 19);
}

/**
 * Whether a URL may be opened or loaded from a cell: http(s) and mailto links only (never
 * `javascript:`, U2).
 * @param {unknown} url
 */
export function safeLink(url) {
  return typeof url === "string" && /^(https?:\/\/|mailto:)/i.test(url.trim());
}

/**
 * Whether a cell's text may be an image's source: an http(s) URL or a data URI of an image.
 * @param {unknown} url
 */
export function safeImage(url) {
  return typeof url === "string" && /^(https?:\/\/|data:image\/)/i.test(url.trim());
}

/**
 * The text a link cell shows (Streamlit's `display_text`): the URL itself; a fixed text; or,
 * for a regular expression (it has parentheses), its first group matched in the URL.
 * @param {string} url
 * @param {string | null | undefined} displayText
 */
export function linkText(url, displayText) {
  if (!displayText) return url;
  if (displayText.includes("(") && displayText.includes(")")) {
    try {
      const match = url.match(new RegExp(displayText));
      if (match) return match[1] ?? match[0];
      return url;
    } catch {
      return displayText;
    }
  }
  return displayText;
}

/**
 * Where a progress bar ends between `min` and `max` (0 to 1), and its default bounds: 0 to
 * 100 for whole numbers, 0 to 1 for fractions (Streamlit's).
 * @param {number} value
 * @param {number | null | undefined} min
 * @param {number | null | undefined} max
 * @param {boolean} whole whether the column holds whole numbers
 */
export function progressShare(value, min, max, whole) {
  const low = min ?? 0;
  const high = max ?? (whole ? 100 : 1);
  if (!Number.isFinite(value) || high === low) return 0;
  return Math.max(0, Math.min(1, (value - low) / (high - low)));
}

/**
 * A list cell's items: an array, an Arrow list (toArray), or nothing.
 * @param {unknown} value
 * @returns {unknown[]}
 */
export function items(value) {
  if (Array.isArray(value)) return value;
  if (value && typeof value === "object" && "toArray" in value) {
    return Array.from(/** @type {{toArray(): ArrayLike<unknown>}} */ (value).toArray());
  }
  if (typeof value === "string" && value.startsWith("[")) {
    try {
      const parsed = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      return [value];
    }
  }
  return value === null || value === undefined ? [] : [value];
}

/**
 * A chart column's values as numbers, and the y range to draw them in (`y_min`/`y_max`,
 * else each cell's own minimum and maximum, as Streamlit's).
 * @param {unknown} value
 * @param {number | null | undefined} yMin
 * @param {number | null | undefined} yMax
 * @returns {{ values: number[], range: [number, number] }}
 */
export function chartValues(value, yMin, yMax) {
  const values = items(value).map(Number).filter((n) => Number.isFinite(n));
  const low = yMin ?? (values.length ? Math.min(...values) : 0);
  const high = yMax ?? (values.length ? Math.max(...values) : 1);
  return { values, range: [low, high === low ? low + 1 : high] };
}
