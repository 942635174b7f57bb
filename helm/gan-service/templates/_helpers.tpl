{{/*
The chart's name, or nameOverride.
*/}}
{{- define "gan-service.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The name of the release's objects: fullnameOverride, else the release name, followed by the
chart's name unless the release name already contains it. At most 63 characters.
*/}}
{{- define "gan-service.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "gan-service.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels that select the pod; they never change between upgrades.
*/}}
{{- define "gan-service.selectorLabels" -}}
app.kubernetes.io/name: {{ include "gan-service.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Labels on every object.
*/}}
{{- define "gan-service.labels" -}}
helm.sh/chart: {{ include "gan-service.chart" . }}
{{ include "gan-service.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | toString | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/component: server
app.kubernetes.io/part-of: {{ .Values.partOf }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
The ServiceAccount's name.
*/}}
{{- define "gan-service.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "gan-service.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image tag: image.tag or the appVersion, with "-cuda" appended when gpu.enabled is true.
*/}}
{{- define "gan-service.imageTag" -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion | toString }}
{{- if and .Values.gpu.enabled (not (hasSuffix "-cuda" $tag)) }}
{{- $tag = printf "%s-cuda" $tag }}
{{- end }}
{{- $tag }}
{{- end }}

{{/*
The name of the claim that holds the runs, when persistence is enabled.
*/}}
{{- define "gan-service.runsClaimName" -}}
{{- if .Values.persistence.existingClaim }}
{{- tpl .Values.persistence.existingClaim . }}
{{- else }}
{{- printf "%s-runs" (include "gan-service.fullname" .) }}
{{- end }}
{{- end }}

{{/*
The Deployment strategy: deploymentStrategy, else Recreate when the runs live on a claim that
only one node can mount at a time (or an existing claim, whose modes are unknown here).
*/}}
{{- define "gan-service.strategy" -}}
{{- if .Values.deploymentStrategy }}
{{- .Values.deploymentStrategy }}
{{- else if not .Values.persistence.enabled }}
{{- "RollingUpdate" }}
{{- else if .Values.persistence.existingClaim }}
{{- "Recreate" }}
{{- else if or (has "ReadWriteOnce" .Values.persistence.accessModes) (has "ReadWriteOncePod" .Values.persistence.accessModes) }}
{{- "Recreate" }}
{{- else }}
{{- "RollingUpdate" }}
{{- end }}
{{- end }}

{{/*
The application.yml the ConfigMap carries: the config value, with gan.runs-dir pinned to the
runs volume's mount path.
*/}}
{{- define "gan-service.applicationYaml" -}}
{{- $config := deepCopy (.Values.config | default dict) }}
{{- $gan := get $config "gan" | default dict }}
{{- $_ := set $gan "runs-dir" "/app/runs" }}
{{- $_ = set $config "gan" $gan }}
{{- toYaml $config }}
{{- end }}

{{/*
The Secret that holds the API token: security.existingSecret, else the one the chart creates
from security.apiToken. Empty when neither is set, and then the service takes no token.
*/}}
{{- define "gan-service.apiTokenSecret" -}}
{{- if and .Values.security.apiToken .Values.security.existingSecret }}
{{- fail "Set security.apiToken or security.existingSecret, not both" }}
{{- end }}
{{- if .Values.security.existingSecret }}
{{- tpl .Values.security.existingSecret . }}
{{- else if .Values.security.apiToken }}
{{- printf "%s-api-token" (include "gan-service.fullname" .) }}
{{- end }}
{{- end }}
