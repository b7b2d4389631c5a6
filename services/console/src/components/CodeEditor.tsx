import { json } from '@codemirror/lang-json';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';

interface CodeEditorProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The accessible name of the editing area. */
  readonly label: string;
}

/** A JSON editor (CodeMirror 6): highlighting, bracket matching, folding and search; Tab moves focus out with Escape first. */
export default function CodeEditor({ value, onChange, label }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(undefined);
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    view.current = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup, json(),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((update) => { if (update.docChanged) latest.current(update.state.doc.toString()); }),
        ],
      }),
    });
    return () => view.current?.destroy();
    // The editor owns its text after creation; outside changes arrive through the effect below.
  }, []);
  useEffect(() => {
    const current = view.current;
    if (current && current.state.doc.toString() !== value) current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: value } });
  }, [value]);
  return <div className="code-editor" ref={host} />;
}
