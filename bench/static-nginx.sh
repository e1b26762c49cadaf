# Shared by bench/load.sh and bench/pages.sh: nginx serving $WORK/nginx/html as static files (the
# reference next to Minbar), with gzip_static for the files that have a .gz beside them.
# start_static_nginx PORT: sets NGINX_PID; returns non-zero (with start.log) when it does not answer.
start_static_nginx() {
  local port="$1"
  mkdir -p "$WORK/nginx/html" "$WORK/nginx/tmp"
  cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
daemon off;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/tmp; proxy_temp_path $WORK/nginx/tmp; fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp; scgi_temp_path $WORK/nginx/tmp;
  server { listen 127.0.0.1:$port; root $WORK/nginx/html; gzip_static on; location / { default_type text/html; } }
}
CONF
  # Run as root, nginx's workers are "nobody": they must be able to read the pages (mktemp -d is 0700).
  chmod a+x "$WORK" && chmod -R a+rX "$WORK/nginx"
  "$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" 2> "$WORK/nginx/start.log" &
  NGINX_PID=$!
  sleep 1
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/article.html")" == 200 ]]
}
