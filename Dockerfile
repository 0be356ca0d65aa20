# CraftMatch's image: one image for web, worker and beat (compose.yaml; docs/deploy.md).
# The commands are the Procfile's. Linted by hadolint in `make test` (tests/cluster/test_packaging.py).

# --- build: dependencies into a virtualenv, static files collected (hashed, gzipped) ------------
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install --no-cache-dir -r requirements.txt
COPY . .
# collectstatic reads no database and no secret; the key below exists for this one command.
RUN DEBUG=0 SECRET_KEY=collectstatic-only-not-a-secret ALLOWED_HOSTS=localhost STATIC_ROOT=/app/staticfiles \
    /venv/bin/python manage.py collectstatic --noinput

# --- runtime: the virtualenv and the code, run as an unprivileged user --------------------------
FROM python:3.11-slim-bookworm
ENV PATH=/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 \
    DEBUG=0 LOG_FORMAT=json STATIC_ROOT=/app/staticfiles PORT=8000
RUN useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin craftmatch
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build --chown=root:root /app /app
# The only writable place: the disk storages when MEDIA_STORAGE_URL is unset (a volume in compose).
RUN mkdir -p /app/.data && chown 10001:10001 /app/.data
USER 10001:10001
EXPOSE 8000
# /health/ is exempt from the HTTPS redirect (SECURE_REDIRECT_EXEMPT); Host is the site's name.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-m", "ops.healthcheck"]
CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]
