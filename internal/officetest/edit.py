# Opens a workbook in LibreOffice Calc, sets cells as a person would, and
# saves it as Excel 2007+ (.xlsx) — the file a LibreOffice user uploads.
#
# Run by officetest.Edit with Debian's python3, which python3-uno gives
# the `uno` module; the request is JSON on stdin:
#   {"soffice": path, "profile": dir, "in": path, "out": path,
#    "edits": [{"sheet": "…", "cell": "E3", "kind": "number"|"text"|"empty",
#               "number": 1450, "text": "۱۲۳"}]}
# It starts its own headless soffice with a throwaway profile, listening
# on a pipe of its own, so that runs side by side do not meet; any error
# is written to stderr and the exit status is 1.
import json
import os
import signal
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

CONNECT_SECONDS = 60


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(proc, pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    url = "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            return resolver.resolve(url)
        except NoConnectException:
            if proc.poll() is not None:
                raise RuntimeError("soffice exited with status %d before it accepted a connection" % proc.returncode)
            if time.monotonic() > deadline:
                raise RuntimeError("soffice did not accept a connection in %d s" % CONNECT_SECONDS)
            time.sleep(0.1)


def edit(doc, edits):
    sheets = doc.Sheets
    for e in edits:
        if not sheets.hasByName(e["sheet"]):
            raise RuntimeError("no sheet %r: the workbook has %r" % (e["sheet"], list(sheets.ElementNames)))
        cell = sheets.getByName(e["sheet"]).getCellRangeByName(e["cell"])
        kind = e["kind"]
        if kind == "number":
            cell.setValue(e.get("number", 0))
        elif kind == "text":
            # setString makes a text cell whatever it holds, as typing
            # '1,250 (with the apostrophe) or a Persian number does.
            cell.setString(e["text"])
        elif kind == "empty":
            cell.setString("")
        else:
            raise RuntimeError("unknown kind of edit %r" % kind)


def main():
    req = json.load(sys.stdin)
    pipe = "payesh_officetest_%d" % os.getpid()
    proc = subprocess.Popen(
        [req["soffice"], "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         "--nolockcheck", "-env:UserInstallation=" + uno.systemPathToFileUrl(req["profile"]),
         "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = None
    try:
        ctx = connect(proc, pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(req["in"]), "_blank", 0,
                                           (prop("Hidden", True),))
        if doc is None:
            raise RuntimeError("LibreOffice did not open %s" % req["in"])
        try:
            edit(doc, req["edits"])
            doc.storeToURL(uno.systemPathToFileUrl(req["out"]),
                           (prop("FilterName", "Calc MS Excel 2007 XML"),))
        finally:
            doc.close(True)
    finally:
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:
                pass  # the bridge goes down as soffice quits
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            sys.stderr.write("soffice did not quit in 30 s\n")
            # oosplash's child soffice.bin would outlive oosplash: the
            # whole process group goes, when it is ours alone (the Go
            # helper starts this script as a group's leader).
            if os.getpgrp() == os.getpid():
                os.killpg(0, signal.SIGKILL)
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # one line for the Go test's message
        sys.stderr.write("%s: %s\n" % (type(exc).__name__, exc))
        sys.exit(1)
