/** pdfkit ships no types; letterheadLogo.ts and standardFonts.ts reach only its document class. */
declare module 'pdfkit' {
  const PDFDocument: { prototype: object }
  export default PDFDocument
}
