"""Private files (uploads, generated PDFs, recordings) go out only after a view's checks.

Every such view ends with `private_file_response()`. In the embedded mode Django streams the
file itself. Behind nginx (deploy/nginx/sashakt.conf) with PRIVATE_FILES_ACCEL_PREFIX set,
the view answers with an empty body and `X-Accel-Redirect: <prefix><name>`; nginx then sends
the file from an `internal` location that no browser can request directly, so a worker is
not tied up for the length of a download and nginx never serves the media folder on its own.
"""

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header


def private_file_response(
    name: str, *, filename: str | None = None, as_attachment: bool = False, storage=None
) -> HttpResponse:
    """The stored file `name` for a request already checked; 404 if it is gone."""
    storage = storage or default_storage
    if not name or not storage.exists(name):
        raise Http404
    filename = filename or name.rsplit("/", 1)[-1]
    prefix = settings.PRIVATE_FILES_ACCEL_PREFIX
    if prefix and isinstance(storage, FileSystemStorage):
        response = HttpResponse()
        response["Content-Type"] = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name.lstrip("/"))
        disposition = content_disposition_header(as_attachment, filename)
        if disposition:
            response["Content-Disposition"] = disposition
        return response
    return FileResponse(storage.open(name, "rb"), as_attachment=as_attachment, filename=filename)
