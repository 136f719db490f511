export * from './common.js';
export * from './xlsx-template.js';
export * from './xlsx-import.js';
export * from './xlsx-export.js';
export * from './charts.js';
export * from './docx-report.js';
export * from './pdf.js';
