//! Generated documents: the commitment letter (附件2-1, DOCX), the comparison table (附件2-2,
//! XLSX and CSV) and the materials checklist (材料清单).
