import { type PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';

/** A4 portrait in PDF points (1/72 inch). */
export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 42;

export type RGB = [number, number, number];
const color = ([r, g, b]: RGB) => rgb(r / 255, g / 255, b / 255);

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: RGB;
}

/** A column of a PDF table: its header, share of the width and alignment. */
export interface PdfColumn {
  header: string;
  /** Relative width. */
  width: number;
  align?: 'left' | 'right';
}

/** A table cell: text, optionally with a background fill (e.g. a target's status). */
export type PdfCell = string | { text: string; fill?: RGB; bold?: boolean };

/**
 * A small flowing layout on pdf-lib: a cursor that moves down the page, wrapped text, headings and
 * tables whose rows break across pages with the header repeated. Everything is drawn in the embedded
 * fonts, so Vietnamese diacritics come out right.
 */
export class PdfLayout {
  readonly doc: PDFDocument;
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  page!: PDFPage;
  y = 0;
  readonly width = A4[0] - 2 * MARGIN;

  constructor(doc: PDFDocument, regular: PDFFont, bold: PDFFont) {
    this.doc = doc;
    this.regular = regular;
    this.bold = bold;
    this.newPage();
  }

  newPage(): PDFPage {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
    return this.page;
  }

  /** Starts a new page unless `height` points fit above the bottom margin (and the footer). */
  ensure(height: number): void {
    if (this.y - height < MARGIN + 18) this.newPage();
  }

  font(bold?: boolean): PDFFont {
    return bold ? this.bold : this.regular;
  }

  private readonly widths = new Map<string, number>();

  /** Width of a text in points (cached per font: fontkit's layout is not cheap). */
  widthOf(text: string, style: TextStyle = {}): number {
    const k = `${style.bold ? 'b' : 'r'}${text}`;
    let w = this.widths.get(k);
    if (w === undefined) {
      w = this.font(style.bold).widthOfTextAtSize(text, 1000);
      this.widths.set(k, w);
    }
    return (w * (style.size ?? 9)) / 1000;
  }

  /** Splits text into lines no wider than `width` (words longer than a line are cut). */
  wrap(text: string, width: number, style: TextStyle = {}): string[] {
    const lines: string[] = [];
    for (const para of text.split('\n')) {
      let line = '';
      for (const word of para.split(/\s+/).filter(Boolean)) {
        const next = line ? `${line} ${word}` : word;
        if (this.widthOf(next, style) <= width || !line) {
          line = next;
          while (this.widthOf(line, style) > width && line.length > 1) {
            let cut = line.length - 1;
            while (cut > 1 && this.widthOf(line.slice(0, cut), style) > width) cut--;
            lines.push(line.slice(0, cut));
            line = line.slice(cut);
          }
        } else {
          lines.push(line);
          line = word;
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /** Draws text at a point (baseline), without moving the cursor. */
  textAt(
    text: string,
    x: number,
    y: number,
    style: TextStyle = {},
    align: 'left' | 'right' | 'center' = 'left',
  ) {
    const w = this.widthOf(text, style);
    const dx = align === 'right' ? -w : align === 'center' ? -w / 2 : 0;
    this.page.drawText(text, {
      x: x + dx,
      y,
      size: style.size ?? 9,
      font: this.font(style.bold),
      color: color(style.color ?? [30, 30, 30]),
    });
  }

  /** A wrapped paragraph at the cursor, moving it down. */
  paragraph(text: string, style: TextStyle = {}, indent = 0, after = 4): void {
    const size = style.size ?? 9;
    for (const line of this.wrap(text, this.width - indent, style)) {
      this.ensure(size * 1.35);
      this.y -= size * 1.2;
      this.textAt(line, MARGIN + indent, this.y, style);
      this.y -= size * 0.15;
    }
    this.y -= after;
  }

  /** A heading: level 1 starts with a rule, level 2 is smaller. Keeps `keep` points with it. */
  heading(text: string, level: 1 | 2 | 3 = 1, keep = 60): void {
    const size = level === 1 ? 15 : level === 2 ? 12 : 10;
    this.ensure(size * 2 + keep);
    this.y -= level === 1 ? 6 : 4;
    for (const line of this.wrap(text, this.width, { size, bold: true })) {
      this.y -= size * 1.2;
      this.textAt(line, MARGIN, this.y, {
        size,
        bold: true,
        color: level === 1 ? [20, 60, 110] : [30, 30, 30],
      });
    }
    if (level === 1) {
      this.y -= 4;
      this.page.drawLine({
        start: { x: MARGIN, y: this.y },
        end: { x: MARGIN + this.width, y: this.y },
        thickness: 0.8,
        color: color([20, 60, 110]),
      });
    }
    this.y -= size * 0.6;
  }

  /** A filled rectangle (x, y = bottom left). */
  rect(x: number, y: number, w: number, h: number, fill: RGB, border?: RGB, borderWidth = 0.5): void {
    this.page.drawRectangle({
      x,
      y,
      width: w,
      height: h,
      color: color(fill),
      ...(border ? { borderColor: color(border), borderWidth } : {}),
    });
  }

  line(x1: number, y1: number, x2: number, y2: number, c: RGB = [0, 0, 0], thickness = 0.5): void {
    this.page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness, color: color(c) });
  }

  /**
   * A table at the cursor. Cells wrap; a row that does not fit starts a new page, where the header is
   * drawn again. Alternate rows are shaded for reading across.
   */
  table(columns: readonly PdfColumn[], rows: readonly PdfCell[][], size = 7.5): void {
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const pad = 2.5;
    const lineH = size * 1.22;
    const cellText = (c: PdfCell | undefined) => (typeof c === 'string' ? c : (c?.text ?? ''));
    const header = () => {
      const lines = columns.map((c, j) => this.wrap(c.header, widths[j]! - 2 * pad, { size, bold: true }));
      const h = Math.max(...lines.map((l) => l.length)) * lineH + 2 * pad;
      this.ensure(h + lineH * 2);
      this.rect(MARGIN, this.y - h, this.width, h, [220, 230, 241]);
      let x = MARGIN;
      lines.forEach((ls, j) => {
        ls.forEach((l, k) => {
          const yy = this.y - pad - (k + 1) * lineH + size * 0.25;
          if (columns[j]!.align === 'right')
            this.textAt(l, x + widths[j]! - pad, yy, { size, bold: true }, 'right');
          else this.textAt(l, x + pad, yy, { size, bold: true });
        });
        x += widths[j]!;
      });
      this.y -= h;
      this.line(MARGIN, this.y, MARGIN + this.width, this.y, [120, 120, 120], 0.6);
    };
    header();
    rows.forEach((row, i) => {
      const lines = columns.map((_, j) => {
        const c = row[j];
        return this.wrap(cellText(c), widths[j]! - 2 * pad, {
          size,
          bold: typeof c === 'object' && !!c?.bold,
        });
      });
      const h = Math.max(1, ...lines.map((l) => l.length)) * lineH + pad;
      if (this.y - h < MARGIN + 18) {
        this.newPage();
        header();
      }
      if (i % 2 === 1) this.rect(MARGIN, this.y - h, this.width, h, [246, 246, 246]);
      let x = MARGIN;
      lines.forEach((ls, j) => {
        const c = row[j];
        const bold = typeof c === 'object' && !!c?.bold;
        if (typeof c === 'object' && c?.fill) this.rect(x, this.y - h, widths[j]!, h, c.fill);
        ls.forEach((l, k) => {
          const yy = this.y - pad / 2 - (k + 1) * lineH + size * 0.25;
          if (columns[j]!.align === 'right')
            this.textAt(l, x + widths[j]! - pad, yy, { size, bold }, 'right');
          else this.textAt(l, x + pad, yy, { size, bold });
        });
        x += widths[j]!;
      });
      this.y -= h;
    });
    this.line(MARGIN, this.y, MARGIN + this.width, this.y, [120, 120, 120], 0.6);
    this.y -= 8;
  }

  /** Page footers: a left text and "page i/n" on every page, plus a warning line when given. */
  footers(left: string, pageWord: string, warning: string | null): void {
    const pages = this.doc.getPages();
    pages.forEach((p, i) => {
      const saved = this.page;
      this.page = p;
      this.line(MARGIN, MARGIN - 4, MARGIN + this.width, MARGIN - 4, [160, 160, 160], 0.4);
      this.textAt(left, MARGIN, MARGIN - 14, { size: 7, color: [90, 90, 90] });
      this.textAt(
        `${pageWord} ${i + 1}/${pages.length}`,
        MARGIN + this.width,
        MARGIN - 14,
        { size: 7, color: [90, 90, 90] },
        'right',
      );
      if (warning) this.textAt(warning, MARGIN, MARGIN - 24, { size: 6.5, color: [180, 30, 30] });
      this.page = saved;
    });
  }
}
