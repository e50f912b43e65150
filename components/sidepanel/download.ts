/** Saves `text` as a file the user downloads (a Blob URL through a temporary link). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later, not at once: the download may start after this task.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
