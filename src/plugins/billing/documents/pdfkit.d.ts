/** pdfkit ships no types; letterheadLogo.ts reaches only its document class's prototype. */
declare module 'pdfkit' {
  const PDFDocument: { prototype: object }
  export default PDFDocument
}
